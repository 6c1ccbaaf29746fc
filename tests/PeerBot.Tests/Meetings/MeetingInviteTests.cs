using System.Text.Json.Nodes;
using Ical.Net;
using PeerBot.Meetings;
using PeerBot.Profiles;
using PeerBot.Tests.Cards;

namespace PeerBot.Tests.Meetings;

/// <summary>The invite as RFC 5545 text: member text stays inside its property, and two independent readers agree on it.</summary>
public sealed class MeetingInviteTests
{
    private static Peer Member(string id, string name, string email) => new()
    {
        Id = id, Name = name, Title = "VP Marketing", Organization = "Org", OrganizationKey = "name:org" + id, Email = email,
    };

    [Fact]
    public void Names_with_line_breaks_and_calendar_syntax_stay_text_and_both_readers_agree()
    {
        var start = new DateTimeOffset(2026, 10, 27, 13, 30, 0, TimeSpan.Zero);
        var meeting = new Meeting
        {
            PairKey = new string('b', 32), IntroRound = 1, Number = 2, OrganizerId = "a", GuestId = "b", StartedBy = "a",
            State = MeetingState.Booked, Start = start, Minutes = 45, Sequence = 3, Location = "https://zoom.example/j/1;x=2,y",
        };
        var organizer = Member("a", "Eve\r\nATTENDEE:mailto:evil@attacker.example\r\nEND:VEVENT", "eve@a.example");
        var guest = Member("b", "Bo; \"Quoted\", Name", "bo@b.example");

        var ics = MeetingInvite.Write(meeting, organizer, guest, ["How are you approaching pricing, this year?"], start.AddDays(-1));

        var calendar = Calendar.Load(ics)!;
        var invite = calendar.Events.Single();
        Assert.Equal(2, invite.Attendees.Count);
        Assert.DoesNotContain(invite.Attendees, a => a.Value!.ToString().Contains("attacker", StringComparison.Ordinal));
        Assert.Equal(("REQUEST", 3, new string('b', 32) + "-2@peerbot"), (calendar.Method, invite.Sequence, invite.Uid));
        Assert.Equal(start.UtcDateTime, invite.DtStart!.AsUtc);
        Assert.Equal(start.AddMinutes(45).UtcDateTime, invite.DtEnd!.AsUtc);
        Assert.Equal("https://zoom.example/j/1;x=2,y", invite.Location);
        Assert.Contains("Join: https://zoom.example/j/1;x=2,y", invite.Description, StringComparison.Ordinal);

        var oracle = NodeOracle.Run("ical-parse.mjs", new JsonArray(new JsonObject { ["ics"] = ics }))[0]!;
        Assert.Null(oracle["error"]);
        Assert.Equal(start, DateTimeOffset.Parse(oracle["startUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(start.AddMinutes(45), DateTimeOffset.Parse(oracle["endUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["mailto:eve@a.example", "mailto:bo@b.example"], oracle["attendees"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(invite.Location, oracle["location"]!.GetValue<string>());
        Assert.Equal(invite.Description, oracle["description"]!.GetValue<string>());
    }

    [Fact]
    public void Calendar_links_carry_the_UTC_times_and_a_meeting_link_must_be_plain_https()
    {
        var meeting = new Meeting
        {
            PairKey = new string('c', 32), IntroRound = 1, Number = 1, OrganizerId = "a", GuestId = "b", StartedBy = "a",
            State = MeetingState.Booked, Start = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero), Minutes = 30,
        };
        Assert.Contains("&dates=20260310T150000Z/20260310T153000Z", MeetingInvite.GoogleLink(meeting, "Talk", "Body"), StringComparison.Ordinal);
        var outlook = MeetingInvite.OutlookLink(meeting, "Talk & more", "Body");
        Assert.Contains("startdt=2026-03-10T15%3A00%3A00Z", outlook, StringComparison.Ordinal);
        Assert.Contains("subject=Talk%20%26%20more", outlook, StringComparison.Ordinal);

        Assert.True(PeerBot.Profiles.ProfileForm.IsMeetingLink("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x"));
        Assert.False(PeerBot.Profiles.ProfileForm.IsMeetingLink("javascript:alert(1)"));
        Assert.False(PeerBot.Profiles.ProfileForm.IsMeetingLink("http://zoom.us/j/1"));
        Assert.False(PeerBot.Profiles.ProfileForm.IsMeetingLink("https://zoom.us/j/1 <@U123>"));
        Assert.False(PeerBot.Profiles.ProfileForm.IsMeetingLink("https://" + new string('a', 300) + ".example"));
    }
}
