using System.Globalization;
using PeerBot.Conversations;
using PeerBot.Storage;

namespace PeerBot.Meetings;

/// <summary>
/// Picks and proposals. The earliest slot both picked is booked the moment the second answer is written; two
/// answers written at the same moment cannot both win the pair's ETag, so the loser reads the winner's answer and
/// books (or not) from both. A slot that has started is refused.
/// </summary>
public sealed class MeetingPicks(MeetingStore store, MeetingPairs pairs, MeetingMessages messages, MeetingBookings bookings, MeetingService service, TimeProvider clock)
{
    private const int Attempts = 8;

    public async Task<MeetingReply> PickAsync(string pairKey, int number, int round, string me, IReadOnlyList<string> picked, bool none, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var (found, pair) = await LoadAsync(pairKey, me, cancellationToken);
            if (found is not { Meeting: var meeting, ETag: var etag } || pair is null)
            {
                return MeetingService.NotYours;
            }
            if (meeting.Number != number || meeting.Round != round || !MeetingMessages.IsOpen(meeting))
            {
                return Stale(meeting, pair, me, now);
            }
            var choices = none ? [] : picked.Where(meeting.Slots.Contains).Distinct().ToList();
            if (!none && choices.Count == 0)
            {
                return new(messages.FindTime(meeting, pair, me, $"Find a time with {pair.Other(me).Name}", "Tick every time that suits you, or choose **None of these**."), true);
            }
            var started = choices.Where(id => Meeting.ParseSlot(id) <= now).ToList();
            if (started.Count > 0 && started.Count == choices.Count)
            {
                return new(messages.FindTime(meeting, pair, me, $"Find a time with {pair.Other(me).Name}",
                    $"{Describe(started, pair, me)} has already started, so I can't book it. Pick a later time."), true);
            }
            var keep = choices.Except(started).ToList();
            var picks = new Dictionary<string, IReadOnlyList<string>>(meeting.Picks, StringComparer.Ordinal) { [me] = keep };
            var answered = meeting with { Picks = picks };
            var other = meeting.OtherThan(me);
            var refused = started.Count > 0 ? $" {Describe(started, pair, me)} has already started, so I left it out." : "";
            try
            {
                if (!answered.HasAnswered(other))
                {
                    await store.SaveAsync(answered, etag, cancellationToken);
                    var message = keep.Count == 0
                        ? $"Noted: none of these work for you. Once {pair.Other(me).Name} has answered, either of you can propose other times."
                        : $"Thanks! I'll book the earliest time that suits {pair.Other(me).Name} too, and tell you both at once.{refused}";
                    return new(messages.FindTime(answered, pair, me, $"Find a time with {pair.Other(me).Name}", message), true);
                }
                var common = answered.PicksOf(answered.OrganizerId).Intersect(answered.PicksOf(answered.GuestId))
                    .Select(Meeting.ParseSlot).OfType<DateTimeOffset>().Where(t => t > now).Order().ToList();
                if (common.Count > 0)
                {
                    return await bookings.BookAsync(answered, etag, common[0], pair, me, cancellationToken);
                }
                return await bookings.MissedAsync(answered, etag, pair, me, cancellationToken);
            }
            catch (ConcurrentEditException)
            {
                // The other member answered at the same moment: read their answer and decide again.
            }
        }
        return MeetingService.Busy;
    }

    /// <summary>"Propose times": up to three times the member typed, in their own time zone, become the next round.</summary>
    public async Task<MeetingReply> ProposeAsync(string pairKey, int number, string me, IReadOnlyList<(string Date, string Time)> typed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var (found, pair) = await LoadAsync(pairKey, me, cancellationToken);
            if (found is not { Meeting: var meeting, ETag: var etag } || pair is null)
            {
                return MeetingService.NotYours;
            }
            if (meeting.Number != number || meeting.State != MeetingState.Proposing)
            {
                return Stale(meeting, pair, me, now);
            }
            var (mine, _) = messages.Availabilities(pair, me);
            var (times, problem) = Read(typed, mine.Zone, now);
            if (problem is not null)
            {
                return new(messages.Proposal(meeting, pair, me, problem, now), true);
            }
            // Proposing instead of picking says none of this round's times work for the proposer.
            var missed = MeetingMessages.IsOpen(meeting) ? meeting.MissedRounds + 1 : meeting.MissedRounds;
            try
            {
                if (missed >= MeetingRules.MaxMissedRounds)
                {
                    return await bookings.GiveUpAsync(meeting with { MissedRounds = missed }, etag, pair, me, cancellationToken);
                }
                var next = meeting with
                {
                    Round = meeting.Round + 1,
                    MissedRounds = missed,
                    Slots = [.. times.Select(Meeting.SlotId)],
                    Stretched = false,
                    ProposedBy = me,
                    Picks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal),
                    RoundStartedAt = now,
                    WaitingToldRound = false,
                };
                await store.SaveAsync(next, etag, cancellationToken);
                await service.OpenRoundAsync(next, pair, me, $"{pair.Member(me).Name} proposed other times", cancellationToken);
                return new(MeetingCards.Notice("Times sent", $"I've sent your {(times.Count == 1 ? "time" : times.Count + " times")} to {pair.Other(me).Name}. If one suits them, it is booked and you both hear at once."), true);
            }
            catch (ConcurrentEditException)
            {
            }
        }
        return MeetingService.Busy;
    }

    public async Task<MeetingReply> OpenProposalAsync(string pairKey, int number, string me, CancellationToken cancellationToken)
    {
        var (found, pair) = await LoadAsync(pairKey, me, cancellationToken);
        if (found is not { Meeting: var meeting } || pair is null)
        {
            return MeetingService.NotYours;
        }
        var now = clock.GetUtcNow();
        return meeting.Number == number && meeting.State == MeetingState.Proposing
            ? new(messages.Proposal(meeting, pair, me, "", now), false)
            : Stale(meeting, pair, me, now);
    }

    /// <summary>Reads typed dates and times (yyyy-MM-dd, HH:mm) in the member's zone; every one must lie ahead, within six weeks.</summary>
    public static (IReadOnlyList<DateTimeOffset> Times, string? Problem) Read(IReadOnlyList<(string Date, string Time)> typed, TimeZoneInfo zone, DateTimeOffset now)
    {
        var times = new List<DateTimeOffset>();
        foreach (var (date, time) in typed.Where(t => t.Date.Length > 0 || t.Time.Length > 0).Take(MeetingRules.MaxProposals))
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || !TimeOnly.TryParseExact(time, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                return ([], "Give each time as a date and a time of day (for example 2026-03-12 and 15:30).");
            }
            if (at.Minute % 15 != 0)
            {
                at = new TimeOnly(at.Hour, at.Minute / 15 * 15);
            }
            var instant = Nudges.NudgeCalendar.ToInstant(day.ToDateTime(at), zone);
            if (instant < now + MeetingRules.Lead)
            {
                return ([], $"{day:ddd d MMM} {at:HH:mm} is too soon: propose times at least {MeetingRules.Lead.TotalHours:0} hours from now.");
            }
            if (instant > now + MeetingRules.ProposalHorizon)
            {
                return ([], $"Propose times within the next {MeetingRules.ProposalHorizon.TotalDays / 7:0} weeks.");
            }
            times.Add(instant);
        }
        return times.Count == 0 ? ([], "Propose at least one time: a date and a time of day.") : ([.. times.Distinct().Order()], null);
    }

    private MeetingReply Stale(Meeting meeting, MeetingPair pair, string me, DateTimeOffset now) => meeting.State switch
    {
        MeetingState.Booked => new(messages.Booked(meeting, pair, me, "This is already settled", now), true),
        MeetingState.Proposing => new(messages.FindTime(meeting, pair, me, $"Find a time with {pair.Other(me).Name}",
            MeetingMessages.IsOpen(meeting) ? "Those times were from an earlier round. These are the times on the table now." : "You've both answered this round."), true),
        _ => new(new TextReply("Finding a time for this conversation has ended. Press **Find a time** on your connected card to start again."), true),
    };

    private async Task<((Meeting Meeting, Azure.ETag ETag)? Found, MeetingPair? Pair)> LoadAsync(string pairKey, string me, CancellationToken cancellationToken)
    {
        var found = await store.GetAsync(pairKey, cancellationToken);
        if (found is not { Meeting: var meeting } || !meeting.Includes(me))
        {
            return (null, null);
        }
        return (found, await pairs.GetAsync(pairKey, cancellationToken));
    }

    private string Describe(IReadOnlyList<string> ids, MeetingPair pair, string me)
    {
        var zone = messages.Availabilities(pair, me).Mine.Zone;
        return string.Join(", ", ids.Select(Meeting.ParseSlot).OfType<DateTimeOffset>().Select(t => MeetingTimes.Mine(t, zone)));
    }
}
