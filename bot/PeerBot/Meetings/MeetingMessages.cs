using PeerBot.Conversations;
using PeerBot.Intros;
using PeerBot.Profiles;

namespace PeerBot.Meetings;

/// <summary>Builds each member's view of a meeting (their time first, the other's beside it) and delivers it.</summary>
public sealed class MeetingMessages(MeetingPairs pairs, MemberMessenger messenger, MeetingLinks links)
{
    /// <summary>True while the round's slots can still be picked: nobody has both answers in yet.</summary>
    public static bool IsOpen(Meeting meeting) =>
        meeting.State == MeetingState.Proposing && !(meeting.HasAnswered(meeting.OrganizerId) && meeting.HasAnswered(meeting.GuestId));

    public CardReply FindTime(Meeting meeting, MeetingPair pair, string memberId, string headline, string message = "")
    {
        var (mine, theirs) = Availabilities(pair, memberId);
        var open = IsOpen(meeting);
        return MeetingCards.FindTime(meeting, mine, theirs, pair.Other(memberId), headline, message,
            canPick: open && meeting.ProposedBy != memberId, canPropose: meeting.State == MeetingState.Proposing);
    }

    public CardReply Booked(Meeting meeting, MeetingPair pair, string memberId, string headline, DateTimeOffset now)
    {
        var (mine, theirs) = Availabilities(pair, memberId);
        var other = pair.Other(memberId);
        var starters = IntroCards.Starters(pair.Member(memberId), other);
        var subject = MeetingInvite.Summary(other);
        var body = MeetingInvite.Description(meeting, IntroCards.Starters(pair.Organizer, pair.Guest));
        return MeetingCards.Booked(meeting, mine.Zone, theirs.Zone, other, starters, headline, links.Create(meeting),
            MeetingInvite.OutlookLink(meeting, subject, body), MeetingInvite.GoogleLink(meeting, subject, body),
            canChange: meeting.State == MeetingState.Booked && meeting.Start > now);
    }

    public CardReply Proposal(Meeting meeting, MeetingPair pair, string memberId, string message, DateTimeOffset now)
    {
        var (mine, _) = Availabilities(pair, memberId);
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, mine.Zone).DateTime).AddDays(1);
        return MeetingCards.Proposal(meeting, mine.Zone, pair.Other(memberId), message, tomorrow);
    }

    /// <summary>Sends to a member (proactively; waits in the outbox when they cannot be reached yet).</summary>
    /// <param name="about">The other member the message speaks of, so their erasure withdraws it while it waits (null: it names nobody).</param>
    public Task SendAsync(string memberId, BotReply reply, string? about, CancellationToken cancellationToken) =>
        messenger.SendAsync(memberId, reply, cancellationToken, about is null ? [] : [about]);

    public (Availability Mine, Availability Theirs) Availabilities(MeetingPair pair, string memberId)
    {
        var mine = pairs.AvailabilityOf(pair.Member(memberId), pair.Settings(memberId)) ?? Fallback(pair.Member(memberId));
        var other = pair.Other(memberId);
        var theirs = pairs.AvailabilityOf(other, pair.Settings(other.Id)) ?? Fallback(other);
        return (mine, theirs);
    }

    // Only reached for a member whose zone was cleared after slots went out: their times read as UTC until they answer again.
    private static Availability Fallback(Peer _) => new(TimeZoneInfo.Utc, WorkingHours.Default, _ => false);
}
