#!/usr/bin/env python3
"""Generate onnxruntime reference fixtures for Vernier's forward evaluation.

Usage (from the repository root; run by developers, NOT by CI):

    python3 scripts/make_fixtures.py [--benchmarks DIR] [--only SUBSTRING]

Requires the pip packages `onnx`, `onnxruntime` and `numpy` (no torch).

Writes
  * Tests/VernierIOTests/Fixtures/ops/<case>.onnx + <case>.json
      one tiny model per operator case, built with onnx.helper (one graph input
      `x`, one graph output `y`, weights as initializers), and the outputs
      onnxruntime computes for 4 random input samples;
  * Tests/VernierIOTests/Fixtures/shared-models/<folder>__<model-stem>.json
      for every .onnx under the shared benchmarks directory (default
      /work/shared/benchmarks, or $VERNIER_BENCHMARKS, or --benchmarks): the
      outputs onnxruntime computes for 3 random inputs on a float64 copy of the
      model (ACAS Xu: uniform in [-0.5, 0.5]; mnist_fc / dist_shift: [0, 1]; see
      shared_input_range).  The models themselves are NOT copied into the repository.

Fixture formats and tolerances: Tests/VernierIOTests/Fixtures/README.md.

Models are built (or converted) in float64 so that onnxruntime computes in
double precision and an rtol of 1e-9 is meaningful.  Where onnxruntime's CPU
provider has no double kernel for an op (NOT_IMPLEMENTED), the whole model falls
back to float32, the json says "reference": "onnxruntime-float32" and rtol 1e-5.
In the float32 case the weights stored in the .onnx file and the inputs written
to the json are exactly float32-representable, so a Double evaluator reading
them sees the same numbers onnxruntime saw.

Every reference is cross-checked against onnx's pure-numpy ReferenceEvaluator
run in float64 (on the same, possibly float32-rounded, numbers); the script
fails if a fixture would not be satisfiable at its own rtol.

Output is deterministic: every case seeds its own numpy generator from a CRC of
its name, onnxruntime runs single-threaded with graph optimisations disabled.
"""

import argparse
import json
import math
import os
import sys
import zlib
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator
from onnx.reference.op_run import OpRun
from onnxruntime.capi import onnxruntime_pybind11_state as ort_state

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "Tests" / "VernierIOTests" / "Fixtures"
OPS_DIR = FIXTURES / "ops"
SHARED_DIR = FIXTURES / "shared-models"
DEFAULT_BENCHMARKS = os.environ.get("VERNIER_BENCHMARKS", "/work/shared/benchmarks")

RTOL = {np.float64: 1e-9, np.float32: 1e-5}
# Suggested absolute floor for comparisons (|got - ref| <= atol + rtol * |ref|).
ATOL = {np.float64: 1e-12, np.float32: 1e-5}
REFERENCE = {np.float64: "onnxruntime-float64", np.float32: "onnxruntime-float32"}
ELEM = {np.float64: TensorProto.DOUBLE, np.float32: TensorProto.FLOAT}
N_OP_SAMPLES = 4
N_MODEL_SAMPLES = 3
INT64_MAX = 2**63 - 1


def seed_of(name):
    return zlib.crc32(name.encode("utf-8")) & 0xFFFFFFFF


def ir_version_for(opset):
    # ONNX IR version that introduced each opset (onnx/helper.py VERSION_TABLE).
    if opset <= 15:
        return 8 if opset >= 14 else 7
    if opset <= 18:
        return 8
    if opset <= 20:
        return 9
    return 10


def make_session(model_bytes):
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.log_severity_level = 3
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"])


def tol_ratio(got, ref, rtol, atol):
    """max over elements of |got-ref| / (atol + rtol*|ref|); <= 1 means within tolerance."""
    got = np.asarray(got, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    if got.shape != ref.shape:
        return math.inf
    if got.size == 0:
        return 0.0
    return float(np.max(np.abs(got - ref) / (atol + rtol * np.abs(ref))))


def write_json(path, obj):
    # One key per line, arrays kept on one line; floats are written with repr
    # (shortest string that round-trips, i.e. full double precision).
    lines = ["  %s: %s" % (json.dumps(k), json.dumps(v, allow_nan=False)) for k, v in obj.items()]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n")


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


# --------------------------------------------------------------------------
# Per-operator cases
# --------------------------------------------------------------------------

class Ctx:
    """What a case builder needs: the float type and a deterministic RNG for weights.

    `dtype` is the element type of the model.  With `round32` the weights are
    rounded to float32 but stored as `dtype` (used for the float64 cross-check
    of float32 fallbacks)."""

    def __init__(self, case_name, dtype, round32=False):
        self.dtype = dtype
        self.elem = ELEM[dtype]
        self.round32 = round32
        self.rng = np.random.default_rng([seed_of(case_name), 1])
        self.inits = []

    def _cast(self, arr):
        arr = np.asarray(arr, dtype=np.float64)
        if self.round32 or self.dtype == np.float32:
            arr = arr.astype(np.float32)
        return arr.astype(self.dtype)

    def F(self, name, arr):
        """Float initializer (numbers given in float64)."""
        self.inits.append(numpy_helper.from_array(self._cast(arr), name))
        return name

    def R(self, name, shape, lo=-1.0, hi=1.0):
        """Random float initializer, uniform in [lo, hi)."""
        return self.F(name, self.rng.uniform(lo, hi, size=shape))

    def I(self, name, values):
        """int64 initializer."""
        self.inits.append(numpy_helper.from_array(np.asarray(values, dtype=np.int64), name))
        return name

    def const_tensor(self, name, arr):
        """A TensorProto for a Constant node's `value` attribute."""
        return numpy_helper.from_array(self._cast(arr), name)


def N(op, inputs, outputs, **attrs):
    return helper.make_node(op, inputs, outputs, **attrs)


class Case:
    def __init__(self, name, op, input_shape, build, opset=17, lo=-3.0, hi=3.0, sampler=None):
        self.name = name
        self.op = op
        self.input_shape = list(input_shape)
        self.build = build
        self.opset = opset
        self.lo, self.hi = lo, hi
        self.sampler = sampler

    def samples(self):
        rng = np.random.default_rng([seed_of(self.name), 0])
        if self.sampler is not None:
            return [np.asarray(self.sampler(rng, self.input_shape), dtype=np.float64) for _ in range(N_OP_SAMPLES)]
        return [rng.uniform(self.lo, self.hi, size=self.input_shape) for _ in range(N_OP_SAMPLES)]

    def model(self, dtype, round32=False, output_shape=None):
        ctx = Ctx(self.name, dtype, round32)
        nodes = self.build(ctx)
        graph = helper.make_graph(
            nodes, self.name,
            [helper.make_tensor_value_info("x", ctx.elem, self.input_shape)],
            [helper.make_tensor_value_info("y", ctx.elem, output_shape)],
            initializer=ctx.inits)
        model = helper.make_model(
            graph, producer_name="vernier-make_fixtures",
            opset_imports=[helper.make_opsetid("", self.opset)],
            ir_version=ir_version_for(self.opset))
        if output_shape is not None:
            onnx.checker.check_model(model, full_check=True)
        return model


def away_from_zero(lo, hi):
    """Sampler: |v| uniform in [lo, hi), random sign."""
    def s(rng, shape):
        mag = rng.uniform(lo, hi, size=shape)
        sign = np.where(rng.uniform(size=shape) < 0.5, -1.0, 1.0)
        return mag * sign
    return s


CASES = []


def case(name, op, input_shape, **kw):
    def deco(build):
        CASES.append(Case(name, op, input_shape, build, **kw))
        return build
    return deco


def unary(name, op, shape=(1, 3, 4), **kw):
    attrs = kw.pop("attrs", {})
    CASES.append(Case(name, op, shape, lambda c: [N(op, ["x"], ["y"], **attrs)], **kw))


# ---- Gemm ----------------------------------------------------------------
@case("gemm_transB1_bias1d", "Gemm", [1, 5])
def _(c):
    return [N("Gemm", ["x", c.R("W", [4, 5]), c.R("b", [4])], ["y"], transB=1)]


@case("gemm_transB0_bias2d", "Gemm", [1, 5])
def _(c):
    return [N("Gemm", ["x", c.R("W", [5, 4]), c.R("b", [1, 4])], ["y"], transB=0)]


@case("gemm_alpha_beta", "Gemm", [1, 5])
def _(c):
    return [N("Gemm", ["x", c.R("W", [4, 5]), c.R("b", [4])], ["y"], transB=1, alpha=0.7, beta=1.3)]


@case("gemm_nobias", "Gemm", [1, 6])
def _(c):
    return [N("Gemm", ["x", c.R("W", [6, 3])], ["y"])]


@case("gemm_batch3_bias_full", "Gemm", [3, 5])
def _(c):
    return [N("Gemm", ["x", c.R("W", [4, 5]), c.R("b", [3, 4])], ["y"], transB=1, beta=0.5)]


@case("gemm_transA1", "Gemm", [5, 2])
def _(c):
    return [N("Gemm", ["x", c.R("W", [5, 3]), c.R("b", [3])], ["y"], transA=1)]


# ---- MatMul --------------------------------------------------------------
@case("matmul_const", "MatMul", [1, 5])
def _(c):
    return [N("MatMul", ["x", c.R("W", [5, 3])], ["y"])]


@case("matmul_const_batched", "MatMul", [1, 2, 4])
def _(c):
    return [N("MatMul", ["x", c.R("W", [4, 3])], ["y"])]


@case("matmul_const_first", "MatMul", [4, 2])
def _(c):
    return [N("MatMul", [c.R("W", [3, 4]), "x"], ["y"])]


@case("matmul_const_vector", "MatMul", [1, 5])
def _(c):
    # 1-D second operand: [1,5] @ [5] -> [1]
    return [N("MatMul", ["x", c.R("w", [5])], ["y"])]


@case("matmul_varvar_gather", "MatMul", [1, 2, 3, 4])
def _(c):
    # a = x[:,0], b = x[:,1]; y = a @ b^T   -> [1,3,3]
    return [
        N("Gather", ["x", c.I("i0", 0)], ["a"], axis=1),
        N("Gather", ["x", c.I("i1", 1)], ["b"], axis=1),
        N("Transpose", ["b"], ["bt"], perm=[0, 2, 1]),
        N("MatMul", ["a", "bt"], ["y"]),
    ]


@case("matmul_varvar_gram", "MatMul", [1, 3, 4])
def _(c):
    return [
        N("Transpose", ["x"], ["xt"], perm=[0, 2, 1]),
        N("MatMul", ["x", "xt"], ["y"]),
    ]


@case("matmul_varvar_qk", "MatMul", [1, 6])
def _(c):
    # Attention-like: q = reshape(x Wq), k = reshape(x Wk); y = q @ k^T
    return [
        N("MatMul", ["x", c.R("Wq", [6, 8])], ["q0"]),
        N("MatMul", ["x", c.R("Wk", [6, 8])], ["k0"]),
        N("Reshape", ["q0", c.I("sq", [1, 4, 2])], ["q"]),
        N("Reshape", ["k0", c.I("sk", [1, 4, 2])], ["k"]),
        N("Transpose", ["k"], ["kt"], perm=[0, 2, 1]),
        N("MatMul", ["q", "kt"], ["y"]),
    ]


@case("matmul_varvar_split", "MatMul", [1, 12])
def _(c):
    # x -> [1,2,6] -> Split(axis 1) -> a:[1,1,6]->[2,3], b:[1,1,6]->[3,2]; y = a @ b
    return [
        N("Reshape", ["x", c.I("s0", [1, 2, 6])], ["r"]),
        N("Split", ["r", c.I("split", [1, 1])], ["p", "q"], axis=1),
        N("Reshape", ["p", c.I("sa", [2, 3])], ["a"]),
        N("Reshape", ["q", c.I("sb", [3, 2])], ["b"]),
        N("MatMul", ["a", "b"], ["y"]),
    ]


# ---- Elementwise binary --------------------------------------------------
def _binary_cases():
    for op in ["Add", "Sub", "Mul", "Div"]:
        lo_c, hi_c = (0.5, 2.0) if op == "Div" else (-2.0, 2.0)
        low = op.lower()

        def const_right(c, op=op, lo_c=lo_c, hi_c=hi_c):
            return [N(op, ["x", c.R("c", [4], lo_c, hi_c)], ["y"])]

        def const_left(c, op=op, lo_c=lo_c, hi_c=hi_c):
            return [N(op, [c.R("c", [3, 1], lo_c, hi_c), "x"], ["y"])]

        def const_scalar(c, op=op, lo_c=lo_c, hi_c=hi_c):
            return [N(op, ["x", c.R("c", [], lo_c, hi_c)], ["y"])]

        def const_same(c, op=op, lo_c=lo_c, hi_c=hi_c):
            return [N(op, [c.R("c", [1, 3, 4], lo_c, hi_c), "x"], ["y"])]

        def var_var(c, op=op):
            # a = x[:, 0:1, :] ([1,1,4]), b = x[:, 1:3, :] ([1,2,4]); y = a op b (broadcast)
            return [
                N("Slice", ["x", c.I("s0", [0]), c.I("e0", [1]), c.I("ax0", [1])], ["a"]),
                N("Slice", ["x", c.I("s1", [1]), c.I("e1", [3]), c.I("ax1", [1])], ["b"]),
                N(op, ["a", "b"], ["y"]),
            ]

        def var_var_same(c, op=op):
            return [N(op, ["x", "x"], ["y"])] if op != "Sub" else [
                N("Transpose", ["x"], ["t"], perm=[0, 2, 1]),
                N(op, ["x", "t"], ["y"])]

        # Sign-alternating inputs bounded away from zero when x is a divisor.
        div_sampler = away_from_zero(0.5, 3.0)
        CASES.append(Case(f"{low}_const_right", op, [1, 3, 4], const_right))
        CASES.append(Case(f"{low}_const_left", op, [1, 3, 4], const_left,
                          sampler=div_sampler if op == "Div" else None))
        CASES.append(Case(f"{low}_const_scalar", op, [1, 3, 4], const_scalar))
        if op in ("Sub", "Div"):
            CASES.append(Case(f"{low}_const_left_same_shape", op, [1, 3, 4], const_same,
                              sampler=div_sampler if op == "Div" else None))
        CASES.append(Case(f"{low}_var_var", op, [1, 3, 4], var_var,
                          sampler=div_sampler if op == "Div" else None))
        if op == "Sub":
            CASES.append(Case(f"{low}_var_var_transposed", op, [1, 3, 3], var_var_same))


_binary_cases()

unary("neg", "Neg")


# ---- Conv ----------------------------------------------------------------
@case("conv_basic_bias", "Conv", [1, 2, 5, 5])
def _(c):
    return [N("Conv", ["x", c.R("W", [3, 2, 3, 3]), c.R("b", [3])], ["y"], kernel_shape=[3, 3])]


@case("conv_nobias", "Conv", [1, 2, 5, 5])
def _(c):
    return [N("Conv", ["x", c.R("W", [3, 2, 3, 3])], ["y"])]


@case("conv_pads_strides", "Conv", [1, 2, 6, 6])
def _(c):
    return [N("Conv", ["x", c.R("W", [3, 2, 3, 3]), c.R("b", [3])], ["y"],
              kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2])]


@case("conv_asym_pads_rect", "Conv", [1, 2, 5, 6])
def _(c):
    return [N("Conv", ["x", c.R("W", [2, 2, 2, 3]), c.R("b", [2])], ["y"],
              kernel_shape=[2, 3], pads=[0, 1, 2, 1], strides=[1, 2])]


@case("conv_dilations", "Conv", [1, 2, 7, 7])
def _(c):
    return [N("Conv", ["x", c.R("W", [2, 2, 3, 3]), c.R("b", [2])], ["y"],
              kernel_shape=[3, 3], dilations=[2, 2], pads=[2, 1, 2, 1])]


@case("conv_groups2", "Conv", [1, 4, 5, 5])
def _(c):
    return [N("Conv", ["x", c.R("W", [6, 2, 3, 3]), c.R("b", [6])], ["y"],
              kernel_shape=[3, 3], group=2, pads=[1, 1, 1, 1])]


@case("conv_depthwise", "Conv", [1, 3, 5, 5])
def _(c):
    return [N("Conv", ["x", c.R("W", [3, 1, 3, 3]), c.R("b", [3])], ["y"],
              kernel_shape=[3, 3], group=3, pads=[1, 1, 1, 1])]


@case("conv_depthwise_mult2_stride2", "Conv", [1, 2, 6, 6])
def _(c):
    return [N("Conv", ["x", c.R("W", [4, 1, 3, 3])], ["y"],
              kernel_shape=[3, 3], group=2, strides=[2, 2], pads=[1, 1, 1, 1])]


@case("conv_1x1", "Conv", [1, 3, 4, 4])
def _(c):
    return [N("Conv", ["x", c.R("W", [2, 3, 1, 1]), c.R("b", [2])], ["y"])]


# ---- ConvTranspose -------------------------------------------------------
@case("convtranspose_basic", "ConvTranspose", [1, 2, 3, 3])
def _(c):
    return [N("ConvTranspose", ["x", c.R("W", [2, 3, 3, 3]), c.R("b", [3])], ["y"], kernel_shape=[3, 3])]


@case("convtranspose_stride2_nobias", "ConvTranspose", [1, 2, 3, 3])
def _(c):
    return [N("ConvTranspose", ["x", c.R("W", [2, 2, 2, 2])], ["y"], kernel_shape=[2, 2], strides=[2, 2])]


@case("convtranspose_stride2_pads_outpad", "ConvTranspose", [1, 2, 3, 3])
def _(c):
    return [N("ConvTranspose", ["x", c.R("W", [2, 3, 3, 3]), c.R("b", [3])], ["y"],
              kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], output_padding=[1, 1])]


@case("convtranspose_rect_asym", "ConvTranspose", [1, 2, 3, 4])
def _(c):
    return [N("ConvTranspose", ["x", c.R("W", [2, 2, 3, 2]), c.R("b", [2])], ["y"],
              kernel_shape=[3, 2], strides=[2, 3], pads=[1, 0, 0, 1], output_padding=[1, 0])]


# ---- Pooling -------------------------------------------------------------
@case("maxpool_2x2_s2", "MaxPool", [1, 2, 4, 4])
def _(c):
    return [N("MaxPool", ["x"], ["y"], kernel_shape=[2, 2], strides=[2, 2])]


@case("maxpool_3x3_s1_pad1", "MaxPool", [1, 2, 4, 4])
def _(c):
    return [N("MaxPool", ["x"], ["y"], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1])]


@case("maxpool_3x3_s2_pad1_odd", "MaxPool", [1, 2, 5, 5])
def _(c):
    return [N("MaxPool", ["x"], ["y"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=0)]


@case("maxpool_rect_floor", "MaxPool", [1, 1, 5, 7])
def _(c):
    return [N("MaxPool", ["x"], ["y"], kernel_shape=[2, 3], strides=[2, 2])]


@case("avgpool_2x2_s2", "AveragePool", [1, 2, 4, 4])
def _(c):
    return [N("AveragePool", ["x"], ["y"], kernel_shape=[2, 2], strides=[2, 2])]


@case("avgpool_3x3_pad1_cip0", "AveragePool", [1, 2, 4, 4])
def _(c):
    return [N("AveragePool", ["x"], ["y"], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1],
              count_include_pad=0)]


@case("avgpool_3x3_pad1_cip1", "AveragePool", [1, 2, 4, 4])
def _(c):
    return [N("AveragePool", ["x"], ["y"], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1],
              count_include_pad=1)]


@case("avgpool_3x3_s2_pad1_cip0", "AveragePool", [1, 1, 5, 5])
def _(c):
    return [N("AveragePool", ["x"], ["y"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
              count_include_pad=0)]


unary("globalaveragepool", "GlobalAveragePool", (1, 3, 4, 5))


@case("batchnorm_inference", "BatchNormalization", [1, 3, 4, 4])
def _(c):
    return [N("BatchNormalization",
              ["x", c.R("scale", [3], 0.5, 1.5), c.R("B", [3]), c.R("mean", [3]), c.R("var", [3], 0.2, 2.0)],
              ["y"], epsilon=1e-5)]


@case("batchnorm_2d_input", "BatchNormalization", [1, 4])
def _(c):
    return [N("BatchNormalization",
              ["x", c.R("scale", [4], 0.5, 1.5), c.R("B", [4]), c.R("mean", [4]), c.R("var", [4], 0.2, 2.0)],
              ["y"], epsilon=1e-3)]


# ---- Shape manipulation --------------------------------------------------
unary("flatten_axis1", "Flatten", (1, 2, 3, 4), attrs={"axis": 1})
unary("flatten_axis2", "Flatten", (1, 2, 3, 4), attrs={"axis": 2})
unary("flatten_axis0", "Flatten", (1, 2, 3, 4), attrs={"axis": 0})
unary("flatten_axis_neg1", "Flatten", (1, 2, 3, 4), attrs={"axis": -1})


@case("reshape_minus1", "Reshape", [1, 2, 3, 4])
def _(c):
    return [N("Reshape", ["x", c.I("shape", [1, -1])], ["y"])]


@case("reshape_zero_minus1", "Reshape", [1, 2, 3, 4])
def _(c):
    return [N("Reshape", ["x", c.I("shape", [0, 6, -1])], ["y"])]


@case("reshape_explicit", "Reshape", [1, 2, 3, 4])
def _(c):
    return [N("Reshape", ["x", c.I("shape", [4, 3, 2])], ["y"])]


unary("transpose_nhwc", "Transpose", (1, 2, 3, 4), attrs={"perm": [0, 2, 3, 1]})
unary("transpose_default_reverse", "Transpose", (1, 2, 3, 4))


@case("squeeze_axes", "Squeeze", [1, 3, 1, 4])
def _(c):
    return [N("Squeeze", ["x", c.I("axes", [2])], ["y"])]


@case("squeeze_neg_axes", "Squeeze", [1, 3, 4, 1])
def _(c):
    return [N("Squeeze", ["x", c.I("axes", [-1])], ["y"])]


unary("squeeze_all", "Squeeze", (1, 3, 1, 4))


@case("unsqueeze_axis1", "Unsqueeze", [1, 3, 4])
def _(c):
    return [N("Unsqueeze", ["x", c.I("axes", [1])], ["y"])]


@case("unsqueeze_neg_axis", "Unsqueeze", [1, 3, 4])
def _(c):
    return [N("Unsqueeze", ["x", c.I("axes", [-1])], ["y"])]


@case("unsqueeze_two_axes", "Unsqueeze", [3, 4])
def _(c):
    return [N("Unsqueeze", ["x", c.I("axes", [0, 3])], ["y"])]


@case("concat_var_var", "Concat", [1, 3, 4])
def _(c):
    return [
        N("Slice", ["x", c.I("s", [2]), c.I("e", [4]), c.I("ax", [2])], ["tail"]),
        N("Concat", ["tail", "x"], ["y"], axis=-1),
    ]


@case("concat_var_var_axis1", "Concat", [1, 3, 4])
def _(c):
    return [
        N("Neg", ["x"], ["n"]),
        N("Concat", ["x", "n", "x"], ["y"], axis=1),
    ]


@case("concat_var_const", "Concat", [1, 3, 4])
def _(c):
    return [N("Concat", ["x", c.R("c", [1, 2, 4])], ["y"], axis=1)]


@case("concat_const_var", "Concat", [1, 3, 4])
def _(c):
    return [N("Concat", [c.R("c", [1, 3, 2]), "x"], ["y"], axis=2)]


@case("slice_basic", "Slice", [1, 4, 5])
def _(c):
    return [N("Slice", ["x", c.I("starts", [1, 0]), c.I("ends", [3, 4]), c.I("axes", [1, 2])], ["y"])]


@case("slice_steps", "Slice", [1, 6, 5])
def _(c):
    return [N("Slice", ["x", c.I("starts", [0, 1]), c.I("ends", [6, 5]), c.I("axes", [1, 2]),
                        c.I("steps", [2, 3])], ["y"])]


@case("slice_negative_starts_ends", "Slice", [1, 4, 5])
def _(c):
    return [N("Slice", ["x", c.I("starts", [-3]), c.I("ends", [-1]), c.I("axes", [-1])], ["y"])]


@case("slice_negative_step_reverse", "Slice", [1, 4, 5])
def _(c):
    # x[:, ::-1, 3:0:-2]
    return [N("Slice", ["x", c.I("starts", [-1, 3]), c.I("ends", [-INT64_MAX, 0]), c.I("axes", [1, 2]),
                        c.I("steps", [-1, -2])], ["y"])]


@case("slice_no_axes_clamped_ends", "Slice", [1, 4, 5])
def _(c):
    # axes omitted; ends beyond the dimension are clamped
    return [N("Slice", ["x", c.I("starts", [0, 1, 2]), c.I("ends", [1, INT64_MAX, 100])], ["y"])]


@case("gather_axis0", "Gather", [4, 3])
def _(c):
    return [N("Gather", ["x", c.I("idx", [2, 0, 3])], ["y"], axis=0)]


@case("gather_axis1", "Gather", [1, 5, 3])
def _(c):
    return [N("Gather", ["x", c.I("idx", [4, 1])], ["y"], axis=1)]


@case("gather_axis1_scalar_negative", "Gather", [1, 5, 3])
def _(c):
    return [N("Gather", ["x", c.I("idx", -1)], ["y"], axis=1)]


@case("gather_axis2_2d_indices", "Gather", [1, 2, 5])
def _(c):
    return [N("Gather", ["x", c.I("idx", [[0, 4], [2, 2]])], ["y"], axis=2)]


unary("identity", "Identity")


@case("constant_node_add", "Constant", [1, 3, 4])
def _(c):
    return [
        N("Constant", [], ["c"], value=c.const_tensor("c", c.rng.uniform(-1, 1, size=[3, 4]))),
        N("Add", ["x", "c"], ["y"]),
    ]


@case("constant_node_value_float", "Constant", [1, 3, 4])
def _(c):
    # value_float is always float32 -> Cast to the model's float type
    return [
        N("Constant", [], ["c32"], value_float=0.75),
        N("Cast", ["c32"], ["c"], to=c.elem),
        N("Mul", ["x", "c"], ["y"]),
    ]


# ---- Reductions ----------------------------------------------------------
@case("reducesum_axis1_keepdims1", "ReduceSum", [1, 3, 4])
def _(c):
    return [N("ReduceSum", ["x", c.I("axes", [1])], ["y"], keepdims=1)]


@case("reducesum_axes12_keepdims0", "ReduceSum", [1, 3, 4])
def _(c):
    return [N("ReduceSum", ["x", c.I("axes", [1, 2])], ["y"], keepdims=0)]


@case("reducesum_neg_axis_keepdims0", "ReduceSum", [1, 3, 4])
def _(c):
    return [N("ReduceSum", ["x", c.I("axes", [-1])], ["y"], keepdims=0)]


unary("reducemean_axes23_keepdims1", "ReduceMean", (1, 3, 4, 4), attrs={"axes": [2, 3], "keepdims": 1})
unary("reducemean_axis1_keepdims0", "ReduceMean", (1, 3, 4), attrs={"axes": [1], "keepdims": 0})
unary("reducemean_neg_axis_default_keepdims", "ReduceMean", (1, 3, 4), attrs={"axes": [-1]})


@case("reducemean_opset18_axes_input", "ReduceMean", [1, 3, 4], opset=18)
def _(c):
    return [N("ReduceMean", ["x", c.I("axes", [2])], ["y"], keepdims=0)]


# ---- Softmax -------------------------------------------------------------
unary("softmax_axis_neg1", "Softmax", (1, 3, 5), attrs={"axis": -1})
unary("softmax_axis1", "Softmax", (1, 3, 5), attrs={"axis": 1})
unary("softmax_2d_default_axis", "Softmax", (1, 6))

# ---- Activations ---------------------------------------------------------
unary("relu", "Relu")
unary("leakyrelu_default", "LeakyRelu")
unary("leakyrelu_alpha0.2", "LeakyRelu", attrs={"alpha": 0.2})


@case("prelu_per_channel", "PRelu", [1, 3, 2, 2])
def _(c):
    return [N("PRelu", ["x", c.R("slope", [3, 1, 1], 0.0, 0.5)], ["y"])]


@case("prelu_fc", "PRelu", [1, 5])
def _(c):
    return [N("PRelu", ["x", c.R("slope", [5], 0.0, 0.5)], ["y"])]


@case("prelu_scalar_slope", "PRelu", [1, 3, 4])
def _(c):
    return [N("PRelu", ["x", c.F("slope", [0.25])], ["y"])]


unary("elu_default", "Elu")
unary("elu_alpha0.5", "Elu", attrs={"alpha": 0.5})
unary("selu", "Selu")
unary("sigmoid", "Sigmoid", lo=-6.0, hi=6.0)
unary("tanh", "Tanh")
unary("softplus", "Softplus", lo=-5.0, hi=5.0)
unary("softsign", "Softsign")
unary("gelu_none", "Gelu", opset=20, attrs={"approximate": "none"})
unary("gelu_tanh", "Gelu", opset=20, attrs={"approximate": "tanh"})


@case("gelu_erf_subgraph", "GeluErfSubgraph", [1, 3, 4])
def _(c):
    # 0.5 * x * (1 + Erf(x / sqrt(2)))  as exported by PyTorch
    return [
        N("Div", ["x", c.F("sqrt2", math.sqrt(2.0))], ["d"]),
        N("Erf", ["d"], ["e"]),
        N("Add", ["e", c.F("one", 1.0)], ["a"]),
        N("Mul", ["x", "a"], ["m"]),
        N("Mul", ["m", c.F("half", 0.5)], ["y"]),
    ]


unary("erf", "Erf")
unary("mish", "Mish", opset=18)


@case("silu_subgraph", "SiLUSubgraph", [1, 3, 4])
def _(c):
    return [N("Sigmoid", ["x"], ["s"]), N("Mul", ["x", "s"], ["y"])]


unary("hardsigmoid_default", "HardSigmoid", lo=-4.0, hi=4.0)
unary("hardsigmoid_alpha_beta", "HardSigmoid", lo=-4.0, hi=4.0, attrs={"alpha": 1.0 / 6.0, "beta": 0.5})
unary("hardswish", "HardSwish", lo=-4.0, hi=4.0)


@case("clip_min_max", "Clip", [1, 3, 4])
def _(c):
    return [N("Clip", ["x", c.F("min", -1.0), c.F("max", 1.5)], ["y"])]


@case("clip_min_only", "Clip", [1, 3, 4])
def _(c):
    return [N("Clip", ["x", c.F("min", -0.5), ""], ["y"])]


@case("clip_max_only", "Clip", [1, 3, 4])
def _(c):
    return [N("Clip", ["x", "", c.F("max", 6.0 / 5.0)], ["y"])]


unary("abs", "Abs")
unary("sin", "Sin")
unary("cos", "Cos")
unary("exp", "Exp")
unary("log", "Log", lo=0.05, hi=3.0)
unary("sqrt", "Sqrt", lo=0.05, hi=3.0)
CASES.append(Case("reciprocal", "Reciprocal", [1, 3, 4], lambda c: [N("Reciprocal", ["x"], ["y"])],
                  sampler=away_from_zero(0.5, 3.0)))


@case("pow_2", "Pow", [1, 3, 4])
def _(c):
    return [N("Pow", ["x", c.F("p", 2.0)], ["y"])]


@case("pow_3", "Pow", [1, 3, 4])
def _(c):
    return [N("Pow", ["x", c.F("p", 3.0)], ["y"])]


@case("pow_0.5", "Pow", [1, 3, 4], lo=0.05, hi=3.0)
def _(c):
    return [N("Pow", ["x", c.F("p", 0.5)], ["y"])]


# ---- Composite patterns --------------------------------------------------
def _dynamic_flatten_nodes(c, src, dst):
    # x.view(x.size(0), -1) as exported by torch.onnx (opset >= 13)
    return [
        N("Shape", [src], ["shp"]),
        N("Constant", [], ["zero"], value=numpy_helper.from_array(np.array(0, dtype=np.int64), "zero")),
        N("Gather", ["shp", "zero"], ["n"], axis=0),
        N("Constant", [], ["axes0"], value=numpy_helper.from_array(np.array([0], dtype=np.int64), "axes0")),
        N("Unsqueeze", ["n", "axes0"], ["n1"]),
        N("Constant", [], ["minus1"], value=numpy_helper.from_array(np.array([-1], dtype=np.int64), "minus1")),
        N("Concat", ["n1", "minus1"], ["newshape"], axis=0),
        N("Reshape", [src, "newshape"], [dst]),
    ]


@case("dynamic_reshape", "DynamicReshape", [1, 2, 3, 4])
def _(c):
    return _dynamic_flatten_nodes(c, "x", "y")


@case("dynamic_reshape_gemm", "DynamicReshape", [1, 2, 3, 2])
def _(c):
    return _dynamic_flatten_nodes(c, "x", "f") + [
        N("Gemm", ["f", c.R("W", [3, 12]), c.R("b", [3])], ["y"], transB=1)]


@case("normalize_flatten_gemm", "NormalizeFlattenGemm", [1, 1, 4, 4], lo=0.0, hi=1.0)
def _(c):
    return [
        N("Sub", ["x", c.F("mean", np.full([1, 1, 1, 1], 0.1307))], ["s"]),
        N("Div", ["s", c.F("std", np.full([1, 1, 1, 1], 0.3081))], ["d"]),
        N("Flatten", ["d"], ["f"], axis=1),
        N("Gemm", ["f", c.R("W", [5, 16], -0.5, 0.5), c.R("b", [5])], ["y"], transB=1),
    ]


@case("acas_style_sub_flatten_matmul_add", "NormalizeFlattenGemm", [1, 1, 1, 5], lo=-0.5, hi=0.5)
def _(c):
    return [
        N("Sub", ["x", c.R("mu", [5], -0.1, 0.1)], ["s"]),
        N("Flatten", ["s"], ["f"], axis=1),
        N("MatMul", ["f", c.R("W1", [5, 6])], ["m1"]),
        N("Add", ["m1", c.R("b1", [6])], ["a1"]),
        N("Relu", ["a1"], ["r1"]),
        N("MatMul", ["r1", c.R("W2", [6, 5])], ["m2"]),
        N("Add", ["m2", c.R("b2", [5])], ["y"]),
    ]


@case("small_cnn", "SmallCNN", [1, 1, 8, 8], lo=0.0, hi=1.0)
def _(c):
    return [
        N("Conv", ["x", c.R("W1", [4, 1, 3, 3], -0.5, 0.5), c.R("b1", [4], -0.1, 0.1)], ["c1"],
          kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        N("Relu", ["c1"], ["r1"]),
        N("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
        N("Flatten", ["p1"], ["f"], axis=1),
        N("Gemm", ["f", c.R("W2", [10, 64], -0.3, 0.3), c.R("b2", [10], -0.1, 0.1)], ["y"], transB=1),
    ]


@case("residual_block", "ResidualBlock", [1, 3, 5, 5])
def _(c):
    return [
        N("Conv", ["x", c.R("W1", [3, 3, 3, 3], -0.4, 0.4), c.R("b1", [3], -0.1, 0.1)], ["c1"],
          kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        N("Relu", ["c1"], ["r1"]),
        N("Conv", ["r1", c.R("W2", [3, 3, 3, 3], -0.4, 0.4), c.R("b2", [3], -0.1, 0.1)], ["c2"],
          kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        N("Add", ["c2", "x"], ["s"]),
        N("Relu", ["s"], ["y"]),
    ]


# --------------------------------------------------------------------------
# Running cases
# --------------------------------------------------------------------------

def run_ort(model, samples, np_dtype):
    sess = make_session(model.SerializeToString())
    return [sess.run(["y"], {"x": s.astype(np_dtype)})[0] for s in samples]


class Erf(OpRun):
    """float64 Erf for the ReferenceEvaluator (its built-in one rounds through float32)."""
    op_domain = ""

    def _run(self, x):
        return (np.vectorize(math.erf, otypes=[np.float64])(x).astype(x.dtype),)


def reference_eval(model, samples):
    ref = ReferenceEvaluator(model, new_ops=[Erf])
    outs = [np.asarray(ref.run(None, {"x": s.astype(np.float64)})[0], dtype=np.float64) for s in samples]
    # Guard against a reference op silently computing in float32.
    allf = np.concatenate([o.ravel() for o in outs])
    if allf.size >= 4 and np.array_equal(allf, allf.astype(np.float32).astype(np.float64)) \
            and not np.array_equal(allf, np.round(allf)):
        raise RuntimeError("ReferenceEvaluator output looks float32-rounded")
    return outs


def build_op_case(cs):
    samples64 = cs.samples()
    fallback_reason = None
    dtype = np.float64
    try:
        probe = run_ort(cs.model(np.float64), samples64[:1], np.float64)
    except (ort_state.NotImplemented, ort_state.Fail, ort_state.InvalidGraph) as e:
        if "NOT_IMPLEMENTED" not in str(e) and "Could not find an implementation" not in str(e):
            raise
        fallback_reason = str(e).split("\n")[0]
        dtype = np.float32
        probe = run_ort(cs.model(np.float32), samples64[:1], np.float32)
    out_shape = list(probe[0].shape)

    # Inputs exactly representable in the model's float type.
    samples = [s.astype(dtype).astype(np.float64) for s in samples64]
    model = cs.model(dtype, output_shape=out_shape)
    outputs = run_ort(model, samples, dtype)
    for o in outputs:
        assert list(o.shape) == out_shape, cs.name
        assert np.all(np.isfinite(o)), cs.name

    # Independent float64 cross-check with onnx's numpy reference evaluator.
    try:
        ref = reference_eval(cs.model(np.float64, round32=(dtype == np.float32), output_shape=out_shape), samples)
        xerr = max(tol_ratio(o, r, RTOL[dtype], ATOL[dtype]) for o, r in zip(outputs, ref))
    except Exception as e:  # noqa: BLE001 -- an op the reference evaluator lacks
        xerr = ref = None
        print(f"  [warn] {cs.name}: ReferenceEvaluator failed: {e!r}"[:200])
    # Demand a safety margin: a correct Double evaluator must pass comfortably.
    if xerr is not None and xerr > 0.25:
        raise SystemExit(f"{cs.name}: onnxruntime and the float64 reference disagree "
                         f"(error / tolerance = {xerr:.3g})")

    # Cases where neither onnxruntime's float64 kernel nor the reference evaluator computes the
    # exact float64 function: use the closed-form formula in Python's float64 math instead.
    exact = EXACT_REFERENCES.get(cs.name)
    exact_outputs = None
    if exact is not None:
        formula, why = exact
        exact_outputs = [np.vectorize(formula)(np.asarray(s, dtype=np.float64)).reshape(out_shape) for s in samples]
        if dtype == np.float64:
            worst = max(tol_ratio(o, r, 1e-6, 1e-12) for o, r in zip(outputs, exact_outputs))
            assert worst <= 1, f"{cs.name}: onnxruntime is further than 1e-6 from the formula"
            outputs = exact_outputs

    model_path = OPS_DIR / f"{cs.name}.onnx"
    onnx.save(model, str(model_path))
    ops = []
    for n in model.graph.node:
        if n.op_type not in ops:
            ops.append(n.op_type)
    obj = {
        "case": cs.name,
        "op": cs.op,
        "ops": ops,
        "opset": cs.opset,
        "model": model_path.name,
        "input_shape": cs.input_shape,
        "output_shape": out_shape,
        "inputs": [flat(s) for s in samples],
        "outputs": [flat(o) for o in outputs],
        "reference": REFERENCE[dtype],
        "rtol": RTOL[dtype],
        "atol": ATOL[dtype],
    }
    if exact is not None and dtype == np.float64:
        obj["reference"] = "python-math-float64-formula"
        obj["note"] = why + "; onnxruntime agrees to 1e-6 relative"
    if fallback_reason:
        obj["note"] = ("onnxruntime CPU has no float64 kernel for this model (" + fallback_reason[:160] +
                       "); model and reference are float32, inputs/weights are float32-exact")
        if exact_outputs is not None:
            obj["float64_crosscheck"] = {
                "reference": "python-math-float64-formula",
                "note": why,
                "outputs": [flat(r) for r in exact_outputs],
                "rtol": RTOL[np.float64],
                "atol": ATOL[np.float64],
            }
        elif ref is not None:
            # Optional tighter check: onnx's numpy ReferenceEvaluator run in float64 on the
            # same (float32-exact) weights and inputs.  Not onnxruntime; see README.md.
            obj["float64_crosscheck"] = {
                "reference": "onnx-reference-evaluator-float64",
                "outputs": [flat(r) for r in ref],
                "rtol": RTOL[np.float64],
                "atol": ATOL[np.float64],
            }
    write_json(OPS_DIR / f"{cs.name}.json", obj)
    return dtype, xerr


# --------------------------------------------------------------------------
# Shared benchmark models
# --------------------------------------------------------------------------

SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
EXACT_REFERENCES = {
    "gelu_none": (lambda x: 0.5 * x * math.erfc(-x / math.sqrt(2)),
                  "the reference evaluator's Erf is float32; exact GELU = x*Phi(x) via erfc"),
    "gelu_tanh": (lambda x: x / (1 + math.exp(-2 * SQRT_2_OVER_PI * (x + 0.044715 * x ** 3))),
                  "onnxruntime's float64 Gelu(tanh) kernel approximates tanh (~2e-7 relative); "
                  "exact formula 0.5x(1+tanh z) = x*sigmoid(2z)"),
    "hardswish": (lambda x: x * max(0.0, min(1.0, x / 6 + 0.5)),
                  "the reference evaluator rounds alpha = 1/6 to float32; exact HardSwish = x*clip(x/6+1/2, 0, 1)"),
}


def to_float64(model):
    """Copy of `model` with every FLOAT tensor turned into DOUBLE (nothing inserted)."""
    m = onnx.ModelProto()
    m.CopyFrom(model)

    def convert_tensor(t):
        if t.data_type == TensorProto.FLOAT:
            arr = numpy_helper.to_array(t).astype(np.float64)
            t.CopyFrom(numpy_helper.from_array(arr, t.name))

    def convert_graph(g):
        for t in g.initializer:
            convert_tensor(t)
        for vi in list(g.input) + list(g.output) + list(g.value_info):
            if vi.type.tensor_type.elem_type == TensorProto.FLOAT:
                vi.type.tensor_type.elem_type = TensorProto.DOUBLE
        for n in g.node:
            for a in n.attribute:
                if a.type == onnx.AttributeProto.TENSOR:
                    convert_tensor(a.t)
                elif a.type == onnx.AttributeProto.GRAPH:
                    convert_graph(a.g)
                elif a.type == onnx.AttributeProto.GRAPHS:
                    for sg in a.graphs:
                        convert_graph(sg)
                if n.op_type == "Cast" and a.name == "to" and a.i == TensorProto.FLOAT:
                    a.i = TensorProto.DOUBLE

    convert_graph(m.graph)
    return m


def graph_io(model):
    g = model.graph
    inits = {t.name for t in g.initializer}
    ins = [i for i in g.input if i.name not in inits]
    assert len(ins) == 1 and len(g.output) == 1, "expected exactly one input and one output"
    shape = [d.dim_value if d.HasField("dim_value") else 1 for d in ins[0].type.tensor_type.shape.dim]
    return ins[0].name, g.output[0].name, shape


def shared_input_range(folder, stem):
    if folder == "acasxu":
        return (-0.5, 0.5)  # ACAS Xu inputs are normalised to roughly [-0.5, 0.5]
    if folder == "vnncomp2021_test":
        # test_sat / test_unsat are ACAS Xu networks; test_nano/tiny/small: X_0 in [-1, 1]
        return (-0.5, 0.5) if stem in ("test_sat", "test_unsat") else (-1.0, 1.0)
    return (0.0, 1.0)  # mnist_fc, dist_shift: pixel intensities


def build_shared(path, root):
    rel = path.relative_to(root).as_posix()
    folder = rel.split("/")[0]
    name = f"{folder}__{path.stem}"
    model32 = onnx.load(str(path))
    in_name, out_name, in_shape = graph_io(model32)
    lo, hi = shared_input_range(folder, path.stem)
    rng = np.random.default_rng([seed_of(name), 0])

    fallback_reason = None
    dtype = np.float64
    try:
        sess = make_session(to_float64(model32).SerializeToString())
    except (ort_state.NotImplemented, ort_state.Fail, ort_state.InvalidGraph) as e:
        if "NOT_IMPLEMENTED" not in str(e) and "Could not find an implementation" not in str(e):
            raise
        fallback_reason = str(e).split("\n")[0]
        dtype = np.float32
        sess = make_session(model32.SerializeToString())

    # Uniform samples; a candidate whose output coincides with an earlier sample's
    # output (e.g. every ReLU of a layer dead -> output = a constant) is redrawn, so
    # the fixtures exercise the weights and not just the last bias.
    samples, outputs = [], []
    for attempt in range(1000):
        cand = rng.uniform(lo, hi, size=in_shape).astype(dtype).astype(np.float64)
        out = sess.run([out_name], {in_name: cand.astype(dtype)})[0]
        distinct = all(np.max(np.abs(out - o)) > 1e-9 for o in outputs)
        if distinct or attempt >= 200:
            samples.append(cand)
            outputs.append(out)
        if len(samples) == N_MODEL_SAMPLES:
            break

    sess32 = make_session(model32.SerializeToString())
    out32 = [sess32.run([out_name], {in_name: s.astype(np.float32)})[0] for s in samples]
    for o in outputs:
        assert np.all(np.isfinite(o)), name
    # Sanity: the float64 copy computes the same function as the original float32 model.
    err32 = max(tol_ratio(a, b, 1e-5, 1e-5) for a, b in zip(out32, outputs))
    if err32 > 1.0:
        raise SystemExit(f"{name}: float64 copy disagrees with the float32 original (rel err {err32:.3g})")

    obj = {
        "model": rel,
        "input_shape": in_shape,
        "input_range": [lo, hi],
        "output_shape": list(outputs[0].shape),
        "inputs": [flat(s) for s in samples],
        "outputs": [flat(o) for o in outputs],
        "reference": REFERENCE[dtype],
        "rtol": RTOL[dtype],
        "atol": ATOL[dtype],
    }
    if fallback_reason:
        obj["note"] = "onnxruntime CPU has no float64 kernel for this model (" + fallback_reason[:160] + ")"
    write_json(SHARED_DIR / f"{name}.json", obj)
    return dtype, err32


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--benchmarks", default=DEFAULT_BENCHMARKS,
                    help="directory with the shared VNN-COMP benchmarks (default: %(default)s)")
    ap.add_argument("--only", default=None, help="only cases/models whose name contains this substring")
    args = ap.parse_args()

    names = [c.name for c in CASES]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate case names: {dup}"

    OPS_DIR.mkdir(parents=True, exist_ok=True)
    SHARED_DIR.mkdir(parents=True, exist_ok=True)
    print(f"onnx {onnx.__version__}, onnxruntime {ort.__version__}, numpy {np.__version__}")

    fallbacks = []
    for cs in CASES:
        if args.only and args.only not in cs.name:
            continue
        dtype, xerr = build_op_case(cs)
        tag = "float64" if dtype == np.float64 else "float32 (fallback)"
        xs = "n/a" if xerr is None else f"{xerr:.2e}"
        print(f"ops/{cs.name:40s} {tag:20s} error/tolerance vs numpy float64 reference {xs}")
        if dtype == np.float32:
            fallbacks.append(cs.name)

    root = Path(args.benchmarks)
    if root.is_dir():
        for path in sorted(root.rglob("*.onnx")):
            if args.only and args.only not in str(path):
                continue
            dtype, err32 = build_shared(path, root)
            tag = "float64" if dtype == np.float64 else "float32 (fallback)"
            print(f"shared-models/{path.relative_to(root)}: {tag}; float32 original vs reference: error/(1e-5+1e-5|ref|) {err32:.2e}")
            if dtype == np.float32:
                fallbacks.append(str(path.relative_to(root)))
    else:
        print(f"[warn] benchmarks directory {root} not found; shared-model fixtures not regenerated")

    total = sum(f.stat().st_size for f in FIXTURES.rglob("*") if f.is_file())
    print(f"\n{len(CASES)} op cases; float32 fallbacks ({len(fallbacks)}): {', '.join(fallbacks) or 'none'}")
    print(f"total fixture size: {total / 1024:.1f} KiB")


if __name__ == "__main__":
    sys.exit(main())
