// glibc allocator tuning (mallopt); see VernierCore/Tensor/AllocatorTuning.swift.
#include <malloc.h>
