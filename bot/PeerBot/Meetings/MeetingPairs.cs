using PeerBot.Intros;
using PeerBot.Profiles;

namespace PeerBot.Meetings;

/// <summary>A connected pair as finding a time sees it: the intro, both profiles, and when each can meet.</summary>
public sealed record MeetingPair(Introduction Intro, Peer Organizer, Peer Guest, MeetingMember OrganizerSettings, MeetingMember GuestSettings)
{
    public Peer Member(string id) => id == Organizer.Id ? Organizer : Guest;

    public Peer Other(string id) => id == Organizer.Id ? Guest : Organizer;

    public MeetingMember Settings(string id) => id == Organizer.Id ? OrganizerSettings : GuestSettings;

    public DateTimeOffset ConnectedAt => Intro.At(IntroState.Connected) ?? Intro.RequestedAt;
}

/// <summary>Loads pairs, and tells each member's availability (zone, hours, holidays).</summary>
public sealed class MeetingPairs(IntroStore intros, ProfileStore profiles, MeetingMemberStore members, HolidayCalendar holidays)
{
    /// <summary>The pair, or null when the intro is gone, not connected, or a profile was erased.</summary>
    public async Task<MeetingPair?> GetAsync(string pairKey, CancellationToken cancellationToken)
    {
        var intro = (await intros.GetAsync(pairKey, cancellationToken))?.Intro;
        if (intro is null || intro.State != IntroState.Connected)
        {
            return null;
        }
        var organizer = (await profiles.GetAsync(intro.RequesterId, cancellationToken))?.Peer;
        var guest = (await profiles.GetAsync(intro.PeerId, cancellationToken))?.Peer;
        if (organizer is null || guest is null)
        {
            return null;
        }
        var organizerSettings = await members.GetAsync(organizer.Id, cancellationToken) ?? new MeetingMember { MemberId = organizer.Id };
        var guestSettings = await members.GetAsync(guest.Id, cancellationToken) ?? new MeetingMember { MemberId = guest.Id };
        return new MeetingPair(intro, organizer, guest, organizerSettings, guestSettings);
    }

    /// <summary>The member's availability, or null while their time zone is unknown.</summary>
    public Availability? AvailabilityOf(Peer member, MeetingMember settings) =>
        MeetingZones.Of(member) is { } zone ? new Availability(zone, settings.HoursOrDefault, day => holidays.IsHoliday(zone, day)) : null;
}
