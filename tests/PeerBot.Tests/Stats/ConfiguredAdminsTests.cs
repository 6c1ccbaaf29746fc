using Microsoft.Extensions.Configuration;
using PeerBot.Conversations;
using PeerBot.Stats;

namespace PeerBot.Tests.Stats;

/// <summary>Who <c>Admins:Ids</c> names: full peer ids anywhere, bare ids only where they are unique network-wide.</summary>
public sealed class ConfiguredAdminsTests
{
    private static readonly Admins Listed = new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Admins:Ids:0"] = "U0SAMEID",
        ["Admins:Ids:1"] = "slack:T0ALPHA:U0ALPHA",
        ["Admins:Ids:2"] = "0f7a1c9e-2b4d-4c55-9a3e-6d1f2b3c4d5e",
    }).Build(), []);

    private static ChatTurn Turn(Member member) => new(member, "c", IsPersonal: true, "stats", null, null);

    [Fact]
    public async Task A_bare_slack_user_id_names_nobody_since_every_workspace_has_its_own()
    {
        Assert.False(await Listed.AllowsAsync(Turn(new Member("slack", "U0SAMEID", "T0ALPHA", null, null)), CancellationToken.None));
        Assert.False(await Listed.AllowsAsync(Turn(new Member("slack", "U0SAMEID", "T0BETA", null, null)), CancellationToken.None));
    }

    [Fact]
    public async Task A_full_slack_peer_id_names_that_member_in_that_workspace_only()
    {
        Assert.True(await Listed.AllowsAsync(Turn(new Member("slack", "U0ALPHA", "T0ALPHA", null, null)), CancellationToken.None));
        Assert.False(await Listed.AllowsAsync(Turn(new Member("slack", "U0ALPHA", "T0BETA", null, null)), CancellationToken.None));
    }

    [Fact]
    public async Task A_bare_teams_object_id_names_that_member()
    {
        Assert.True(await Listed.AllowsAsync(Turn(new Member("msteams", "0f7a1c9e-2b4d-4c55-9a3e-6d1f2b3c4d5e", "tenant-a", null, null)), CancellationToken.None));
        Assert.False(await Listed.AllowsAsync(Turn(new Member("msteams", "1f7a1c9e-2b4d-4c55-9a3e-6d1f2b3c4d5e", "tenant-a", null, null)), CancellationToken.None));
    }
}
