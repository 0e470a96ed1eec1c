// Module VernierLipschitz: local Lipschitz constants and monotonicity (issue 5). Work in progress.
