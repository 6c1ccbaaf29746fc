using System.Runtime.InteropServices;

namespace PeerBot.Benchmarks;

/// <summary>
/// CPU time the calling thread has used (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), in nanoseconds. On a machine shared with
/// other work, wall-clock percentiles include the time the thread waited for a core; CPU time shows what a query costs.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static long Now()
    {
        if (!OperatingSystem.IsLinux() || clock_gettime(ClockThreadCpuTime, out var time) != 0)
        {
            return 0;
        }
        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
