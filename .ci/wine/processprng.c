/* Test-only, never shipped: Wine 8 has no bcryptprimitives.dll, from which Rust's standard
 * library imports ProcessPrng (its random source on Windows 10 and later). Built with mingw as
 * bcryptprimitives.dll and placed next to the .exe under test, this provides ProcessPrng on top
 * of advapi32's RtlGenRandom (exported as SystemFunction036), which Wine does implement. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a 32-bit length: feed larger requests in pieces. */
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
