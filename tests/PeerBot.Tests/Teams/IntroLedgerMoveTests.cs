using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Intros;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Teams;

/// <summary>
/// Ledgers that an earlier version kept in a table of their own (before they moved beside each member's intro index)
/// still count after an upgrade, and are moved at start-up. The earlier row is what that version wrote; the members
/// arrive as in Teams (install, the form).
/// </summary>
public sealed class IntroLedgerMoveTests() : BotTestBase("ledgermove")
{
    private const string Busy = "msteams:p0";

    public override async Task InitializeAsync()
    {
        // As the earlier version wrote it: three requests waiting on p0.
        var before = new TableServiceClient(Azurite.ConnectionString).GetTableClient(Host.TablePrefix + "IntroLedgers");
        await before.CreateIfNotExistsAsync();
        await before.AddEntityAsync(new TableEntity(TableKeys.Bucket(Busy), TableKeys.Escape(Busy))
        {
            ["Ledger"] = """{"sentAt":[],"pendingIncoming":["0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a","0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b","0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"]}""",
            ["MemberId"] = Busy,
            ["PendingIncomingCount"] = 3,
        });
        await base.InitializeAsync();
        for (var i = 0; i < 3; i++)
        {
            await OnboardAsync($"p{i}", $"tenant-{i}", $"Person {i}", "VP Operations", $"Org {i}");
        }
    }

    [Fact]
    public async Task A_ledger_kept_in_the_earlier_table_still_limits_the_peer_and_moves_beside_the_index()
    {
        var refused = await SayAsync(InTenant(Activities.Submit(Connector.ServiceUrl, "p1", new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = Busy }), "tenant-1"), 1);
        Assert.Contains("several requests waiting", refused[0].RawBody, StringComparison.Ordinal);

        var before = new TableServiceClient(Azurite.ConnectionString).GetTableClient(Host.TablePrefix + "IntroLedgers");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await before.QueryAsync<TableEntity>().AnyAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "The earlier ledger was not moved.");
            await Task.Delay(100);
        }
        var ledgers = Host.Services.GetRequiredService<IntroLedgers>();
        Assert.Equal(3, (await ledgers.GetAsync(Busy, CancellationToken.None)).PendingIncoming.Count);
        Assert.Contains(Busy, await ledgers.SaturatedAsync(CancellationToken.None));
        // A member without a ledger anywhere is unaffected: their request goes.
        var sent = await SayAsync(InTenant(Activities.Submit(Connector.ServiceUrl, "p1", new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:p2" }), "tenant-1"), 1);
        Assert.Contains("Request sent", sent[0].RawBody, StringComparison.Ordinal);
    }
}
