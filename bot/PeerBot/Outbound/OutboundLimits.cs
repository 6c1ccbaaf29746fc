using System.Diagnostics;
using System.Threading.RateLimiting;
using Polly.RateLimiting;

namespace PeerBot.Outbound;

/// <summary>
/// The platforms' send limits as <c>System.Threading.RateLimiting</c> limiters, one per budget and rule, made when a
/// budget is first used and dropped once it has been idle for a while. A request waits until every rule of every
/// budget it counts against has room, and holds its places while it is sent. One per process.
/// </summary>
/// <remarks>
/// The platforms count requests when they arrive, and arrivals spread with latency: a window counted from the send
/// lets a slow request of one burst land inside the next burst's window (on loopback, 21 requests arrived within
/// 889 ms under a 20-a-second limit counted that way). So a rule over a short window is a concurrency limiter whose
/// place a request holds from its send until a full window after its answer came back: no request can then arrive
/// within a window of the one whose place it took. Rules over long windows (Teams' 60 per 30 s and 1,800 per hour),
/// where latency does not matter, are token buckets that hold half the limit and refill the other half over the
/// window: never more than the rule allows, and idle (so forgotten) seconds after a conversation's last message,
/// where an hour-long window would keep every conversation of the last hour in memory.
/// </remarks>
public sealed class OutboundLimits : IAsyncDisposable
{
    /// <summary>Rules over windows up to this long hold places; longer ones are token buckets.</summary>
    public static readonly TimeSpan ShortWindow = TimeSpan.FromSeconds(2);

    // Requests waiting for room; a bound only against runaway growth, never reached by real traffic.
    private const int QueueLimit = 100_000;

    // How often a full token bucket is looked at again (its refills come with the partitioned limiter's heartbeat).
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<LimitKey> _limiters =
        PartitionedRateLimiter.Create<LimitKey, LimitKey>(key => RateLimitPartition.Get(key, Create));

    private int _instances = 1;

    /// <summary>How many instances share the budgets that are counted for the whole bot (kept current by their heartbeat).</summary>
    public int Instances
    {
        get => Volatile.Read(ref _instances);
        set => Volatile.Write(ref _instances, Math.Max(1, value));
    }

    /// <summary>This instance's share of a limit that the platform counts for the whole bot.</summary>
    public int Share(int limit) => Math.Max(1, limit / Instances);

    /// <summary>
    /// Waits until the request may go under every rule of every budget and takes its place in each; dispose the
    /// places when the answer came (or the send failed).
    /// </summary>
    /// <exception cref="RateLimiterRejectedException">Far more requests are waiting than any platform would take.</exception>
    public async Task<PacePlaces> WaitForRoomAsync(IReadOnlyList<PaceBudget> budgets, CancellationToken cancellationToken)
    {
        // Places first (they can be given back), tokens last (a token taken stays spent).
        var rules = budgets.SelectMany(budget => budget.Rules.Select(rule => (Key: Key(budget, rule), rule.FromSend))).OrderBy(r => IsPlace(r.Key) ? 0 : 1).ToArray();
        var keys = rules.Select(r => r.Key).ToArray();
        while (true)
        {
            var held = new List<(RateLimitLease Lease, TimeSpan Window, bool FromSend)>();
            var full = -1;
            for (var i = 0; i < keys.Length && full < 0; i++)
            {
                var lease = _limiters.AttemptAcquire(keys[i]);
                if (!lease.IsAcquired)
                {
                    lease.Dispose();
                    full = i;
                }
                else if (IsPlace(keys[i]))
                {
                    held.Add((lease, keys[i].Window, rules[i].FromSend));
                }
                else
                {
                    lease.Dispose();
                }
            }
            if (full < 0)
            {
                foreach (var (lease, window, _) in held.Where(h => h.FromSend))
                {
                    _ = PacePlaces.GiveBackAsync(lease, window);
                }
                return new PacePlaces([.. held.Where(h => !h.FromSend).Select(h => (h.Lease, h.Window))]);
            }
            // Nothing was sent: the places taken go back at once.
            held.ForEach(h => h.Lease.Dispose());
            await RoomAsync(keys[full], cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _limiters.Dispose();
        return ValueTask.CompletedTask;
    }

    private LimitKey Key(PaceBudget budget, PaceRule rule) =>
        new(budget.Key, budget.SharedAcrossInstances ? Share(rule.Limit) : rule.Limit, rule.Window);

    private static bool IsPlace(LimitKey key) => key.Window <= ShortWindow || key.Limit < 2;

    /// <summary>Waits until a limiter probably has room again, without taking it.</summary>
    private async Task RoomAsync(LimitKey key, CancellationToken cancellationToken)
    {
        if (IsPlace(key))
        {
            // Asking for no place waits exactly until one is given back.
            using var lease = await _limiters.AcquireAsync(key, 0, cancellationToken);
            if (!lease.IsAcquired)
            {
                throw new RateLimiterRejectedException("Too many outbound requests are waiting for " + key.Budget);
            }
            return;
        }
        // A token bucket refills in fractions between its refills: wait for about one token.
        var oneToken = key.Window / (key.Limit - (key.Limit / 2));
        await Task.Delay(oneToken > MinimumPoll ? oneToken : MinimumPoll, cancellationToken);
    }

    private static RateLimiter Create(LimitKey key)
    {
        if (IsPlace(key))
        {
            return new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = key.Limit,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
        var burst = key.Limit / 2;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = key.Limit - burst,
            ReplenishmentPeriod = key.Window,
            // Refilled by the partitioned limiter's heartbeat, in proportion to the time that passed.
            AutoReplenishment = false,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>One limiter: a budget's rule at the limit this instance keeps (a new share is a new limiter).</summary>
    private readonly record struct LimitKey(string Budget, int Limit, TimeSpan Window);
}

/// <summary>The places one request holds; each is given back a full window after the answer came.</summary>
public sealed class PacePlaces(List<(RateLimitLease Lease, TimeSpan Window)> held) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var (lease, window) in held)
            {
                _ = GiveBackAsync(lease, window);
            }
        }
    }

    /// <summary>Gives a place back once <paramref name="window"/> has passed in full from now.</summary>
    internal static async Task GiveBackAsync(RateLimitLease lease, TimeSpan window)
    {
        using (lease)
        {
            // Timers may fire a little early; the platform's window must have passed in full.
            var answered = Stopwatch.GetTimestamp();
            for (var left = window; left > TimeSpan.Zero; left = window - Stopwatch.GetElapsedTime(answered))
            {
                await Task.Delay(left + TimeSpan.FromMilliseconds(1));
            }
        }
    }
}
