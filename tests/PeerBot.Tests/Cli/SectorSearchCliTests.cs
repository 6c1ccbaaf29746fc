using System.Text.Json;
using PeerBot.Tests.Matching;

namespace PeerBot.Tests.Cli;

/// <summary>
/// The searches of the "every station" report through the command line's <c>search --directory</c>, over the same mixed
/// directory the bot is tested with: each returns holders of that role first, and with <c>--as</c> never the asker's own
/// organization.
/// </summary>
public sealed class SectorSearchCliTests : IDisposable
{
    private readonly TempFile _members = new(SectorFindPeerTests.Members.Replace("\r", "", StringComparison.Ordinal) + "\n");

    public void Dispose() => _members.Dispose();

    [Fact]
    public async Task Every_reported_search_returns_holders_of_that_role_first()
    {
        var reported = SectorFindPeerTests.Reported;
        using var queries = new TempFile(string.Join('\n', reported.Select(r => r.Query).Append("shift supervisor")) + "\n", ".txt");

        var run = await CliRun.Of("search", "--directory", _members.Path, "--queries", queries.Path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(reported.Length + 1, lines.Length);
        for (var i = 0; i < reported.Length; i++)
        {
            var titles = Titles(lines[i]);
            Assert.True(reported[i].First.Order().SequenceEqual(titles.Take(reported[i].First.Length).Order()),
                $"{reported[i].Query}: {string.Join(" | ", titles)}");
        }
        // With no asker, a front-line search with no area returns front-line supervisors of every area.
        var frontLine = Titles(lines[^1]);
        Assert.Equal(5, frontLine.Count);
        Assert.All(frontLine, t => Assert.Contains(t, SectorFindPeerTests.FrontLine));
    }

    [Theory]
    [InlineData("h1", "nurse manager", "Ward Manager, Elderly Care", "St. Marston Medical Center")]
    [InlineData("p1", "police chief", "Police Chief", "Springfield Police Department")]
    [InlineData("r1", "store manager", "Store Manager", "Harlow Market")]
    // A store's front-line supervisors: a key holder at a store nearer the asker's size comes before a supermarket's shift supervisor.
    [InlineData("r1", "shift supervisor", "Key Holder|Shift Supervisor", "Harlow Market")]
    [InlineData("f1", "executive chef", "Head Chef", "Juniper Bistro")]
    [InlineData("m1", "plant manager", "Plant Manager", "Norwood Plastics")]
    public async Task Asked_as_a_member_the_first_result_holds_the_role_at_another_organization(string asker, string query, string firstTitles, string ownOrganization)
    {
        var run = await CliRun.Of("search", "--directory", _members.Path, "--query", query, "--as", asker, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var results = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.Contains(results[0].GetProperty("title").GetString(), firstTitles.Split('|'));
        Assert.DoesNotContain(results, r => r.GetProperty("organization").GetString() == ownOrganization);
    }

    private static List<string> Titles(string json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(r => r.GetProperty("title").GetString()!)];
}
