/* tsan_shim.c: linked into ThreadSanitizer builds of the C tests only.
 *
 * rustc's LLVM instruments memory intrinsics as calls to __tsan_memcpy,
 * __tsan_memmove and __tsan_memset; gcc 12's libtsan does not export them.
 * Forwarding them to the C functions, which libtsan intercepts (and checks
 * for races), gives the same checking.
 */
#include <string.h>

void *__tsan_memcpy(void *dst, const void *src, size_t n);
void *__tsan_memmove(void *dst, const void *src, size_t n);
void *__tsan_memset(void *dst, int c, size_t n);

void *__tsan_memcpy(void *dst, const void *src, size_t n) { return memcpy(dst, src, n); }
void *__tsan_memmove(void *dst, const void *src, size_t n) { return memmove(dst, src, n); }
void *__tsan_memset(void *dst, int c, size_t n) { return memset(dst, c, n); }
