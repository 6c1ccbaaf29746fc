using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Tests.Matching;

/// <summary>The directory's compact storage gives back exactly what was stored, through removals, reuse and edits.</summary>
public class DirectoryStorageTests
{
    private static Peer Member(string id, string name, string? email = null) => new()
    {
        Id = id,
        Name = name,
        Title = "VP Marketing",
        Organization = "Org " + id,
        OrganizationKey = "name:org-" + id,
        Email = email,
        UpdatedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(-5)),
    };

    [Fact]
    public void Ids_names_and_emails_in_any_script_come_back_as_stored()
    {
        using var directory = new PeerDirectory();
        var peers = new[]
        {
            Member("msteams:29:1a2b", "Zoë Müller", "zoë@müller.example"),
            Member("slack:T1:U1", "王小明", null),
            Member("import:😀", "Ana \"Quote\" O'Brien", "ana@x.example"),
            Member("", "Nobody", ""),
        };
        foreach (var p in peers)
        {
            directory.Upsert(p);
        }
        foreach (var p in peers)
        {
            var found = directory.Find(p.Id)!;
            Assert.Equal((p.Id, p.Name, p.Email, p.UpdatedAt.Offset), (found.Id, found.Name, found.Email, found.UpdatedAt.Offset));
        }
        Assert.Equal(peers.Select(p => p.Id).Order(StringComparer.Ordinal), directory.Ids().Order(StringComparer.Ordinal));
        Assert.Null(directory.Find("slack:T1:U2"));
    }

    [Fact]
    public void Removed_slots_are_reused_and_every_member_stays_findable()
    {
        using var directory = new PeerDirectory();
        for (var i = 0; i < 5000; i++)
        {
            directory.Upsert(Member($"m{i}", $"Member {i}", $"m{i}@x.example"));
        }
        for (var i = 0; i < 5000; i += 3)
        {
            directory.Remove($"m{i}");
        }
        for (var i = 0; i < 1000; i++)
        {
            directory.Upsert(Member($"n{i}", $"New {i}", null));
        }
        Assert.Equal(5000 - 1667 + 1000, directory.Count);
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i % 3 == 0 ? null : $"Member {i}", directory.Find($"m{i}")?.Name);
        }
        Assert.All(Enumerable.Range(0, 1000), i => Assert.Equal($"New {i}", directory.Find($"n{i}")!.Name));
    }

    [Fact]
    public void Edited_names_are_kept_correct_when_old_text_is_compacted_away()
    {
        using var directory = new PeerDirectory();
        const int members = 200;
        // Enough renames to leave several MiB of old names behind, which triggers a compaction.
        for (var round = 0; round < 150; round++)
        {
            for (var i = 0; i < members; i++)
            {
                directory.Upsert(Member($"m{i}", $"Member {i} renamed {round} {new string('x', 120)}", $"m{i}.{round}@x.example"));
            }
        }
        for (var i = 0; i < members; i++)
        {
            var found = directory.Find($"m{i}")!;
            Assert.Equal(($"Member {i} renamed 149 {new string('x', 120)}", $"m{i}.149@x.example"), (found.Name, found.Email));
        }
        Assert.Equal(members, directory.Count);
        Assert.Equal(100, directory.Search(new SearchRequest("VP marketing", null, null, null, null, Top: 100)).Matches.Count);
    }
}
