// Debian's libopenblas-dev installs the CBLAS interface as <cblas.h> (an alternatives link).
#include <cblas.h>
// Not part of the CBLAS standard, but exported by OpenBLAS: lets us pin BLAS to one thread
// when Vernier parallelises at a coarser grain (domains, instances).
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
