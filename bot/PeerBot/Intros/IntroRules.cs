using System.Security.Cryptography;
using System.Text;

namespace PeerBot.Intros;

/// <summary>The limits that keep intros respectful: nobody is spammed, nobody is asked twice.</summary>
public static class IntroRules
{
    public const int MaxRequestsPerWeek = 5;
    public const int MaxPendingIncoming = 3;
    public const int MaxNoteLength = 280;
    public const int MaxRelayLength = 500;
    public static readonly TimeSpan RequestWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan DeclineCooldown = TimeSpan.FromDays(90);
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromDays(14);

    /// <summary>The same key whoever asks whom: a pair is one row.</summary>
    public static string PairKey(string a, string b)
    {
        var (first, second) = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(first + "\n" + second));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Whether a new round may start for a pair whose last introduction is <paramref name="last"/>.</summary>
    public static bool MayRequestAgain(Introduction last, DateTimeOffset now) => last.State switch
    {
        IntroState.Requested or IntroState.Accepted or IntroState.Connected => false,
        IntroState.Declined => now - (last.At(IntroState.Declined) ?? now) >= DeclineCooldown,
        _ => true,
    };

    /// <summary>Who may move an introduction to a state, and from which states.</summary>
    public static bool MayMove(Introduction intro, IntroState to, string actor) => (intro.State, to) switch
    {
        (IntroState.Requested, IntroState.Accepted) => actor == intro.PeerId,
        (IntroState.Requested, IntroState.Declined) => actor == intro.PeerId,
        (IntroState.Requested, IntroState.Cancelled) => actor == intro.RequesterId,
        (IntroState.Requested, IntroState.Expired) => actor == IntroSweep.Actor,
        (IntroState.Accepted, IntroState.Connected) => actor == intro.PeerId || actor == IntroSweep.Actor,
        _ => false,
    };
}

/// <summary>The expiry sweep acts under this name in an introduction's history.</summary>
public static class IntroSweep
{
    public const string Actor = "expiry";
}
