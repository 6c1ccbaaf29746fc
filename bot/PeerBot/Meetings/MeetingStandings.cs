using PeerBot.Intros;
using PeerBot.Storage;

namespace PeerBot.Meetings;

/// <summary>
/// The small ranking signal (0–2 points) that favours peers who answer intro requests and show up, kept in memory
/// for search: this instance's own changes at once, other instances' at the next refresh, which reads the
/// standing change records and then only the members they name (the whole table only at start-up). It is never shown, never
/// hides anyone, and counts only what members did: answering or letting intro requests expire, ignoring a round of
/// slots for ten days, and saying "Yes, we met".
/// </summary>
public sealed partial class MeetingStandings(MeetingMemberStore members, ChangeLog changes, TimeProvider clock, ILogger<MeetingStandings> logger)
    : BackgroundService, Matching.IPeerStanding, IIntroWatcher
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private readonly Lock _changing = new();
    private volatile Dictionary<string, int> _points = new(StringComparer.Ordinal);
    private readonly ChangeFollower _follower = new(changes, MeetingMemberStore.Stream);

    public int Points(string peerId) => _points.GetValueOrDefault(peerId);

    /// <summary>Intro outcomes: the peer answered (accepted or declined), or let the request expire.</summary>
    public Task MovedAsync(Introduction intro, CancellationToken cancellationToken) => intro.State switch
    {
        IntroState.Accepted or IntroState.Declined => ChangeAsync(intro.PeerId, m => m with { Answered = m.Answered + 1 }, cancellationToken),
        IntroState.Expired => ChangeAsync(intro.PeerId, m => m with { Ignored = m.Ignored + 1 }, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>A member who never answered a round of slots (after two reminders and a nudge).</summary>
    public Task IgnoredAsync(string memberId, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, m => m with { Ignored = m.Ignored + 1 }, cancellationToken);

    /// <summary>The member said "Yes, we met".</summary>
    public Task MetAsync(string memberId, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, m => m with { Met = m.Met + 1 }, cancellationToken);

    private async Task ChangeAsync(string memberId, Func<MeetingMember, MeetingMember> change, CancellationToken cancellationToken)
    {
        try
        {
            var after = await members.UpdateAsync(memberId, change, cancellationToken);
            Set(memberId, after.Standing);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            // A soft signal: a lost count must never fail the answer or the intro that caused it.
            LogCountFailed(logger, e.GetType().Name);
        }
    }

    private void Set(string memberId, int points)
    {
        lock (_changing)
        {
            if (Points(memberId) == points)
            {
                return;
            }
            var next = new Dictionary<string, int>(_points, StringComparer.Ordinal);
            if (points > 0)
            {
                next[memberId] = points;
            }
            else
            {
                next.Remove(memberId);
            }
            _points = next;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ChangeFollower.RunAsync(RefreshInterval, clock, RefreshAsync, e => LogRefreshFailed(logger, e.GetType().Name), stoppingToken);

    private Task RefreshAsync(CancellationToken cancellationToken) => _follower.PollAsync(
        async ct =>
        {
            var points = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var (id, standing) in members.StandingsAsync(ct))
            {
                points[id] = standing;
            }
            lock (_changing)
            {
                _points = points;
            }
        },
        async (batch, ct) =>
        {
            foreach (var member in batch.Keys)
            {
                Set(member, (await members.GetAsync(member, ct))?.Standing ?? 0);
            }
        },
        cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count a meeting standing ({ExceptionType})")]
    private static partial void LogCountFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh meeting standings ({ExceptionType}); keeping the last ones")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}
