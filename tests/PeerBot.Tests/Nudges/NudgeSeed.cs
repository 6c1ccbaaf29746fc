using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using PeerBot.Nudges;
using PeerBot.Profiles;
using PeerBot.Storage;

namespace PeerBot.Tests.Nudges;

/// <summary>
/// Writes a network of members whose weekly nudge is due, straight into the tables the bot reads: profiles,
/// conversation references (pointing at a connector on loopback), nudge rows and due timers. Shared by the
/// engine tests and the nudge benchmark.
/// </summary>
public static class NudgeSeed
{
    public const string Tenant = "7e1a0c5e-0000-4000-8000-00000000abcd";

    public static string MemberId(int i) => $"msteams:seed-{i:D6}";

    public static string Conversation(int i) => $"a:personal-seed-{i:D6}";

    public static async Task DueNudgesAsync(string connectionString, string prefix, string serviceUrl, int count, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        var service = new TableServiceClient(connectionString);
        var names = new TableNames(prefix);
        foreach (var table in names.All)
        {
            await service.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken);
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await InBatchesAsync(service.GetTableClient(names.Profiles), Enumerable.Range(0, count).Select(i =>
            ProfileStore.ToEntity(Profile(i, due.AddDays(-1)))), parallel);

        await InBatchesAsync(service.GetTableClient(names.ConversationReferences), Enumerable.Range(0, count).Select(i =>
            new TableEntity(TableKeys.Bucket(MemberId(i)), TableKeys.Escape(MemberId(i)))
            {
                ["MemberId"] = MemberId(i),
                ["Reference"] = JsonConvert.SerializeObject(Reference(i, serviceUrl)),
            }), parallel);
        await InBatchesAsync(service.GetTableClient(names.NudgeMembers), Enumerable.Range(0, count).Select(i =>
            NudgeMemberStore.Write(new NudgeMember
            {
                MemberId = MemberId(i),
                TimeZone = "Europe/Berlin",
                RoleKey = "VP · Marketing",
                JoinedAt = due.AddDays(-30),
                NextDueAt = due,
            })), parallel);
        await InBatchesAsync(service.GetTableClient(names.NudgeTimers), Enumerable.Range(0, count).Select(i =>
            NudgeTimers.Row(MemberSchedule.JobFor(MemberId(i), due))), parallel);
        // These profiles are known already (their nudge rows are written above): the bot need not follow them.
        await new NudgeState(service, names, TimeProvider.System).SetCursorAsync(NudgeFollowers.ProfileCursor, DateTimeOffset.UtcNow.AddMinutes(2), cancellationToken);
    }

    public static Peer Profile(int i, DateTimeOffset updatedAt) => new()
    {
        Id = MemberId(i),
        Name = $"Member {i}",
        Title = "VP Marketing",
        Organization = $"Organization {i}",
        OrganizationKey = $"name:organization{i}",
        Headcount = 300,
        Industry = "Software",
        TimeZone = "Europe/Berlin",
        Topics = ["pricing"],
        Channel = "msteams",
        UpdatedAt = updatedAt,
    };

    public static ConversationReference Reference(int i, string serviceUrl) => new()
    {
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        Conversation = new ConversationAccount(id: Conversation(i), tenantId: Tenant) { ConversationType = "personal" },
        User = new ChannelAccount(id: $"29:seed-{i:D6}", name: $"Member {i}", aadObjectId: $"seed-{i:D6}"),
        Bot = new ChannelAccount(id: "28:peerbot-test", name: "PeerBot"),
    };

    private static async Task InBatchesAsync(TableClient table, IEnumerable<TableEntity> rows, ParallelOptions parallel)
    {
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(batches, parallel, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }
}
