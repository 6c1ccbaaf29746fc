using PeerBot.Conversations;
using PeerBot.Storage;

namespace PeerBot.Meetings;

/// <summary>
/// Booking, a round without a common time, giving up, rescheduling and cancelling. Each writes the pair's row with
/// its ETag first (a losing writer throws <see cref="ConcurrentEditException"/> and decides again), then tells both.
/// </summary>
public sealed class MeetingBookings(MeetingStore store, MeetingPairs pairs, MeetingMessages messages, MeetingSchedule schedule, MeetingService service, MeetingLinks links, TimeProvider clock)
{
    private const int Attempts = 8;

    public async Task<MeetingReply> BookAsync(Meeting answered, Azure.ETag etag, DateTimeOffset start, MeetingPair pair, string me, CancellationToken cancellationToken)
    {
        var booked = answered with
        {
            State = MeetingState.Booked,
            Start = start,
            Sequence = answered.EverBooked ? answered.Sequence + 1 : 0,
            EverBooked = true,
            Location = pair.Organizer.MeetingLink,
        };
        await store.SaveAsync(booked, etag, cancellationToken);
        var now = clock.GetUtcNow();
        var verb = booked.Sequence > 0 ? "Moved" : "Booked";
        var other = pair.Other(me);
        await messages.SendAsync(other.Id, messages.Booked(booked, pair, other.Id, $"{verb}: your conversation with {pair.Member(me).Name}", now), me, cancellationToken);
        foreach (var id in new[] { booked.OrganizerId, booked.GuestId })
        {
            await schedule.RemindAsync(booked, id, pair.Settings(id), cancellationToken);
        }
        await schedule.FollowUpAfterAsync(booked, pair, cancellationToken);
        return new(messages.Booked(booked, pair, me, $"{verb}: your conversation with {other.Name}", now), true);
    }

    /// <summary>Both answered and nothing matches: either may propose times; after two such rounds, email.</summary>
    public async Task<MeetingReply> MissedAsync(Meeting answered, Azure.ETag etag, MeetingPair pair, string me, CancellationToken cancellationToken)
    {
        var missed = answered with { MissedRounds = answered.MissedRounds + 1 };
        if (missed.MissedRounds >= MeetingRules.MaxMissedRounds)
        {
            return await GiveUpAsync(missed, etag, pair, me, cancellationToken);
        }
        await store.SaveAsync(missed, etag, cancellationToken);
        const string Message = "No time suits you both this round. Either of you can propose other times.";
        var other = pair.Other(me);
        await messages.SendAsync(other.Id, messages.FindTime(missed, pair, other.Id, $"No common time with {pair.Member(me).Name} yet", Message), me, cancellationToken);
        return new(messages.FindTime(missed, pair, me, $"No common time with {other.Name} yet", Message), true);
    }

    public async Task<MeetingReply> GiveUpAsync(Meeting meeting, Azure.ETag etag, MeetingPair pair, string me, CancellationToken cancellationToken)
    {
        await store.SaveAsync(meeting with { State = MeetingState.GaveUp }, etag, cancellationToken);
        var other = pair.Other(me);
        await messages.SendAsync(other.Id, EmailInstead(pair.Member(me)), me, cancellationToken);
        return new(EmailInstead(other), true);
    }

    /// <summary>"Reschedule" on the booked card, until the start: new slots go to both; the booking stands until a new one is made.</summary>
    public async Task<MeetingReply> RescheduleAsync(string pairKey, int number, string me, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var found = await store.GetAsync(pairKey, cancellationToken);
            var pair = await pairs.GetAsync(pairKey, cancellationToken);
            if (found is not { Meeting: var meeting, ETag: var etag } || !meeting.Includes(me) || pair is null)
            {
                return MeetingService.NotYours;
            }
            if (meeting.Number != number || meeting.State != MeetingState.Booked)
            {
                return new(new TextReply("This meeting is no longer booked, so there is nothing to move."), false);
            }
            if (meeting.Start <= now)
            {
                return new(new TextReply("This meeting has already started, so it can no longer be moved."), false);
            }
            var (mine, theirs) = messages.Availabilities(pair, me);
            var (organizer, guest) = me == pair.Organizer.Id ? (mine, theirs) : (theirs, mine);
            var plan = SlotFinder.Find(now, organizer, guest, meeting.Minutes, new HashSet<DateTimeOffset> { meeting.Start!.Value });
            var moving = meeting with
            {
                State = MeetingState.Proposing,
                Round = meeting.Round + 1,
                MissedRounds = 0,
                Slots = [.. plan.Slots.Select(Meeting.SlotId)],
                SharedDays = plan.SharedDays,
                Stretched = plan.Stretched,
                ProposedBy = null,
                Picks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal),
                RoundStartedAt = now,
                WaitingToldRound = false,
            };
            try
            {
                await store.SaveAsync(moving, etag, cancellationToken);
            }
            catch (ConcurrentEditException)
            {
                continue;
            }
            await schedule.FollowUpDefaultAsync(moving, pair, cancellationToken);
            var was = MeetingTimes.Mine(meeting.Start!.Value, theirs.Zone);
            await service.OpenRoundAsync(moving, pair, me, $"{pair.Member(me).Name} needs to move your conversation ({was} your time)", cancellationToken);
            return new(messages.FindTime(moving, pair, me, $"Pick new times with {pair.Other(me).Name}",
                "I've told them. Your meeting is off its old time; the new one is booked as soon as you both pick."), true);
        }
        return MeetingService.Busy;
    }

    /// <summary>"Cancel", until the start: the other side is told, with a cancellation for their calendar.</summary>
    public async Task<MeetingReply> CancelAsync(string pairKey, int number, string me, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var found = await store.GetAsync(pairKey, cancellationToken);
            var pair = await pairs.GetAsync(pairKey, cancellationToken);
            if (found is not { Meeting: var meeting, ETag: var etag } || !meeting.Includes(me) || pair is null)
            {
                return MeetingService.NotYours;
            }
            if (meeting.Number != number || meeting.State is not (MeetingState.Booked or MeetingState.Proposing or MeetingState.AwaitingZone))
            {
                return new(new TextReply("There is nothing left to cancel here."), false);
            }
            if (meeting.State == MeetingState.Booked && meeting.Start <= now)
            {
                return new(new TextReply("This meeting has already started, so it can no longer be cancelled."), false);
            }
            var wasBooked = meeting.EverBooked;
            var cancelled = meeting with { State = MeetingState.Cancelled, Sequence = wasBooked ? meeting.Sequence + 1 : meeting.Sequence };
            try
            {
                await store.SaveAsync(cancelled, etag, cancellationToken);
            }
            catch (ConcurrentEditException)
            {
                continue;
            }
            var other = pair.Other(me);
            // Cards carry links only as buttons: the cancellation (METHOD:CANCEL) removes it from calendars that took the invite.
            var calendar = wasBooked ? links.Create(cancelled) : "";
            var calendarTitle = wasBooked ? "Remove from calendar (.ics)" : "";
            if (wasBooked)
            {
                await schedule.FollowUpDefaultAsync(cancelled, pair, cancellationToken);
            }
            var (mine, theirs) = messages.Availabilities(pair, me);
            var when = meeting.Start is { } start ? $" on {MeetingTimes.Mine(start, theirs.Zone)} (your time)" : "";
            await messages.SendAsync(other.Id, MeetingCards.Notice("Meeting cancelled",
                $"{pair.Member(me).Name} cancelled your conversation{when}. You can find a new time whenever you like.",
                pair.Intro.PairKey, pair.Intro.Round, link: calendar, linkTitle: calendarTitle), me, cancellationToken);
            var mineWhen = meeting.Start is { } s ? $" on {MeetingTimes.Mine(s, mine.Zone)}" : "";
            return new(MeetingCards.Notice("Cancelled", $"Your conversation with {other.Name}{mineWhen} is cancelled, and they have been told.", link: calendar, linkTitle: calendarTitle), true);
        }
        return MeetingService.Busy;
    }

    private static CardReply EmailInstead(Profiles.Peer other) => MeetingCards.Notice("Email might be quicker",
        $"Two rounds went by without a time that suits you both. Simply email {other.Name}{(other.Email is { Length: > 0 } email ? " at " + email : "")} and agree on one together.");
}
