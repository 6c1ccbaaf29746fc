using PeerBot.Conversations;
using PeerBot.Profiles;
using PeerBot.Storage;

namespace PeerBot.Meetings;

/// <summary>What the member who pressed a button sees: a card in place of the one they pressed, or a new message.</summary>
public sealed record MeetingReply(BotReply Reply, bool Replace);

/// <summary>
/// Starting to find a time: who is asked for a time zone first, and the first round of slots to both. Every change
/// is an ETag-guarded write of the pair's row, and only the writer that made a change sends messages.
/// </summary>
public sealed class MeetingService(MeetingStore store, MeetingMemberStore members, MeetingPairs pairs, MeetingMessages messages,
    MeetingSchedule schedule, ProfileStore profiles, TimeProvider clock)
{
    private const int Attempts = 8;

    public static MeetingReply NotYours => new(new TextReply("That introduction no longer exists, or it is not one of yours."), false);

    /// <summary>"Find a time" on the connected card (or a later "meet again").</summary>
    public async Task<MeetingReply> StartAsync(string pairKey, ChatTurn turn, CancellationToken cancellationToken)
    {
        var me = turn.From.PeerId;
        var pair = await pairs.GetAsync(pairKey, cancellationToken);
        if (pair is null || (pair.Organizer.Id != me && pair.Guest.Id != me))
        {
            return NotYours;
        }
        foreach (var id in new[] { pair.Organizer.Id, pair.Guest.Id })
        {
            await members.UpdateAsync(id, m => m.Pairs.Contains(pairKey) ? null : m with { Pairs = [.. m.Pairs, pairKey] }, cancellationToken);
        }
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var current = await store.GetAsync(pairKey, cancellationToken);
            if (current is { Meeting: var m } && m.IntroRound == pair.Intro.Round)
            {
                if (m.State == MeetingState.Booked && m.Start > now)
                {
                    return new(messages.Booked(m, pair, me, "You already have a time booked", now), false);
                }
                if (m.State == MeetingState.Proposing)
                {
                    return new(messages.FindTime(m, pair, me, $"Find a time with {pair.Other(me).Name}", "These are the times on the table now."), false);
                }
            }
            var meeting = current is { Meeting: var last } && last.State == MeetingState.AwaitingZone && last.IntroRound == pair.Intro.Round
                ? last
                : new Meeting
                {
                    PairKey = pairKey,
                    IntroRound = pair.Intro.Round,
                    Number = (current?.Meeting.Number ?? 0) + 1,
                    OrganizerId = pair.Organizer.Id,
                    GuestId = pair.Guest.Id,
                    StartedBy = me,
                    State = MeetingState.AwaitingZone,
                    Minutes = pair.Member(me).MeetingMinutes,
                    CreatedAt = now,
                };
            try
            {
                return await AdvanceAsync(meeting, current?.ETag, pair, me, turn.LocalTimeZone, cancellationToken);
            }
            catch (ConcurrentEditException)
            {
                // The other member pressed at the same moment: read again and decide again.
            }
        }
        return Busy;
    }

    /// <summary>The answer to the time zone question: saved on the profile, and finding a time goes on.</summary>
    public async Task<MeetingReply> SetZoneAsync(string pairKey, ChatTurn turn, string zone, CancellationToken cancellationToken)
    {
        var me = turn.From.PeerId;
        if (!MeetingZones.IsChoosable(zone))
        {
            return new(MeetingCards.Zone(pairKey, MeetingZones.Offered(turn.LocalTimeZone), "", "Pick the time zone of the place you work from."), true);
        }
        var stored = await profiles.GetAsync(me, cancellationToken);
        if (stored is null)
        {
            return new(new TextReply("Create your profile first (type **profile**)."), false);
        }
        if (stored.Peer.TimeZone != zone)
        {
            try
            {
                await profiles.SaveAsync(stored.Peer with { TimeZone = zone, UpdatedAt = clock.GetUtcNow() }, stored.ETag, cancellationToken);
            }
            catch (ConcurrentEditException)
            {
                return new(new TextReply("Your profile changed at the same moment. Please choose your time zone again."), false);
            }
        }
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await store.GetAsync(pairKey, cancellationToken);
            var pair = await pairs.GetAsync(pairKey, cancellationToken);
            if (current is not { Meeting: var meeting } || pair is null || !meeting.Includes(me) || meeting.State != MeetingState.AwaitingZone)
            {
                return new(new TextReply($"Saved: your time zone is {zone.Replace('_', ' ')}."), true);
            }
            try
            {
                // The answer takes the question's place: the zone card becomes the slots (or the "asked them" note).
                return await AdvanceAsync(meeting, current.Value.ETag, pair, me, zone, cancellationToken) with { Replace = true };
            }
            catch (ConcurrentEditException)
            {
            }
        }
        return Busy;
    }

    /// <summary>Asks for whichever time zone is missing (the presser's first), or starts the first round.</summary>
    private async Task<MeetingReply> AdvanceAsync(Meeting meeting, Azure.ETag? etag, MeetingPair pair, string me, string? clientZone, CancellationToken cancellationToken)
    {
        var other = pair.Other(me);
        var mine = pairs.AvailabilityOf(pair.Member(me), pair.Settings(me));
        var theirs = pairs.AvailabilityOf(other, pair.Settings(other.Id));
        if (mine is null || theirs is null)
        {
            await store.SaveAsync(meeting with { State = MeetingState.AwaitingZone }, etag, cancellationToken);
            if (mine is null)
            {
                return new(MeetingCards.Zone(meeting.PairKey, MeetingZones.Offered(clientZone), MeetingZones.IsChoosable(clientZone) ? clientZone! : "",
                    $"To find a time with {other.Name}, I need to know which time zone you're in."), false);
            }
            await messages.SendAsync(other.Id, MeetingCards.Zone(meeting.PairKey, MeetingZones.Offered(null), "",
                $"{pair.Member(me).Name} would like to find a time to talk. Which time zone are you in?"), me, cancellationToken);
            return new(MeetingCards.Notice("Almost there", $"I've asked {other.Name} which time zone they're in. You'll both get times to choose from as soon as they answer."), false);
        }

        var now = clock.GetUtcNow();
        var (organizer, guest) = me == pair.Organizer.Id ? (mine, theirs) : (theirs, mine);
        var plan = SlotFinder.Find(now, organizer, guest, meeting.Minutes);
        var started = meeting with
        {
            State = MeetingState.Proposing,
            Round = meeting.Round + 1,
            Slots = [.. plan.Slots.Select(Meeting.SlotId)],
            SharedDays = plan.SharedDays,
            Stretched = plan.Stretched,
            ProposedBy = null,
            Picks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal),
            RoundStartedAt = now,
        };
        await store.SaveAsync(started, etag, cancellationToken);
        await OpenRoundAsync(started, pair, me, $"{pair.Member(me).Name} would like to find a time to talk", cancellationToken);
        return new(messages.FindTime(started, pair, me, $"Find a time with {other.Name}"), false);
    }

    /// <summary>A new round is out: the other member gets their card, and both are chased should they not answer.</summary>
    public async Task OpenRoundAsync(Meeting meeting, MeetingPair pair, string me, string headlineForOther, CancellationToken cancellationToken)
    {
        var other = pair.Other(me);
        await messages.SendAsync(other.Id, messages.FindTime(meeting, pair, other.Id, headlineForOther), me, cancellationToken);
        foreach (var id in new[] { me, other.Id })
        {
            if (!meeting.HasAnswered(id) && MeetingZones.Of(pair.Member(id)) is { } zone)
            {
                await schedule.ChaseAsync(meeting, id, zone, 1, cancellationToken);
            }
        }
    }

    public static MeetingReply Busy => new(new TextReply("Several changes came in at once. Please press the button again."), false);
}
