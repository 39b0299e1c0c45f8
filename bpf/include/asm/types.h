/* Architecture-independent stand-in for <asm/types.h>: BPF programs are
 * compiled for the bpf target, not the host, so the multiarch asm/ headers
 * (/usr/include/x86_64-linux-gnu/asm on Debian) are neither needed nor wanted. */
#include <asm-generic/types.h>
