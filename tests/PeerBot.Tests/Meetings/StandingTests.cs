using PeerBot.Matching;
using PeerBot.Meetings;
using PeerBot.Profiles;

namespace PeerBot.Tests.Meetings;

/// <summary>
/// The ranking signal: a peer who answers intro requests and shows up comes first among otherwise equal peers, never
/// above a closer role, and nobody without it disappears.
/// </summary>
public sealed class StandingTests
{
    private sealed class FixedPoints(Dictionary<string, int> points) : IPeerStanding
    {
        public int Points(string peerId) => points.GetValueOrDefault(peerId);
    }

    private static Peer Member(string id, string title) => new()
    {
        Id = id, Name = "Name " + id, Title = title, Organization = "Org " + id, OrganizationKey = "name:org " + id,
        Headcount = 300, Industry = "Software", Topics = ["pricing"],
    };

    [Fact]
    public void Peers_who_answer_and_show_up_come_first_among_equals_and_nobody_is_hidden()
    {
        using var directory = new PeerDirectory(new RoleReader(Taxonomy.Default), [], new FixedPoints(new() { ["shows-up"] = 2, ["answers"] = 1 }));
        foreach (var peer in new[] { Member("quiet-a", "VP Marketing"), Member("answers", "VP Marketing"), Member("shows-up", "VP Marketing"), Member("quiet-b", "VP Marketing"), Member("cmo", "CMO") })
        {
            directory.Upsert(peer);
        }

        var ids = directory.Search(new SearchRequest("VP marketing", null, null, null, null, Top: 10)).Matches.Select(m => m.Peer.Id).ToList();

        Assert.Equal(["shows-up", "answers"], ids.Take(2));
        Assert.Contains("quiet-a", ids);
        Assert.Contains("quiet-b", ids);
        // The signal is smaller than a step of role closeness: the CMO (one level up) stays behind every VP.
        Assert.Equal("cmo", ids[^1]);
        Assert.True(Ranking.MaxSecondary < Ranking.OneLevelApart - Ranking.TwoLevelsApart);
    }

    [Fact]
    public void The_standing_counts_answers_and_meetings_and_stays_between_zero_and_two()
    {
        var member = new MeetingMember { MemberId = "m" };
        Assert.Equal(0, member.Standing);
        Assert.Equal(1, (member with { Answered = 1 }).Standing);
        Assert.Equal(0, (member with { Answered = 1, Ignored = 2 }).Standing);
        Assert.Equal(1, (member with { Met = 1 }).Standing);
        Assert.Equal(2, (member with { Answered = 3, Ignored = 1, Met = 2 }).Standing);
    }
}
