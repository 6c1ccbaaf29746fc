using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Slack;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Slack;

/// <summary>The table acknowledged Slack work waits in: leases, takeovers by one instance only, and the poison partition.</summary>
public sealed class BacklogTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TableServiceClient _service = new(Azurite.ConnectionString);
    private readonly TableNames _names = new(Azurite.UniquePrefix("backlog"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => _service.CreateTableIfNotExistsAsync(_names.SlackWork);

    public Task DisposeAsync() => _service.DeleteTableAsync(_names.SlackWork);

    [Fact]
    public async Task Work_whose_lease_ran_out_is_taken_over_by_exactly_one_instance_and_its_old_holder_lets_go()
    {
        var (holder, others) = (Instance(), new[] { Instance(), Instance(), Instance() });
        var held = await holder.AddAsync(Work("findpeer VP marketing"), CancellationToken.None);

        Assert.Empty(await others[0].TakeOverAsync(10, CancellationToken.None));
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = (await Task.WhenAll(others.Select(o => o.TakeOverAsync(10, CancellationToken.None)))).SelectMany(t => t).ToList();

        var item = Assert.Single(taken);
        Assert.Equal(held.Id, item.Id);
        Assert.Equal("findpeer VP marketing", item.Work.Inbound.Text);
        Assert.False(await holder.RenewAsync(held, CancellationToken.None));
        await holder.CompleteAsync(held, CancellationToken.None);
        Assert.Equal((1, 0), await holder.CountAsync(CancellationToken.None));
        await others[0].CompleteAsync(item, CancellationToken.None);
        Assert.Equal((0, 0), await holder.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_renewed_lease_keeps_the_work_from_others()
    {
        var (holder, other) = (Instance(), Instance());
        var held = await holder.AddAsync(Work("help"), CancellationToken.None);

        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(Lease / 2);
            Assert.True(await holder.RenewAsync(held, CancellationToken.None));
            Assert.Empty(await other.TakeOverAsync(10, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Work_taken_over_again_and_again_moves_to_the_poison_partition_and_is_kept()
    {
        var backlog = Instance(attempts: 2);
        await backlog.AddAsync(Work("help"), CancellationToken.None);

        var rounds = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(Lease + TimeSpan.FromSeconds(1));
            rounds.Add((await backlog.TakeOverAsync(10, CancellationToken.None)).Count);
        }

        Assert.Equal([1, 1, 0], rounds);
        Assert.Equal((0, 1), await backlog.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Long_text_any_characters_and_deeply_nested_values_come_back_as_they_went_in()
    {
        var backlog = Instance();
        var text = string.Concat(Enumerable.Repeat("😀 Grüße \u0001 <@U1> \"quoted\" ", 20_000));
        JsonNode value = new JsonObject { ["action"] = "findpeer" };
        for (var depth = 0; depth < 60; depth++)
        {
            value = new JsonObject { ["inner"] = value };
        }
        var work = Work(text) with { Inbound = Work(text).Inbound with { Value = value.AsObject() } };

        await backlog.AddAsync(work, CancellationToken.None);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var item = Assert.Single(await backlog.TakeOverAsync(10, CancellationToken.None));

        Assert.Equal(text, item.Work.Inbound.Text);
        Assert.Equal(value.ToJsonString(), item.Work.Inbound.Value!.ToJsonString());
        Assert.Equal(work.TraceParent, item.Work.TraceParent);
    }

    private SlackBacklog Instance(int attempts = 5) =>
        new(_service, _names, Options.Create(new SlackOptions { WorkLease = Lease, MaxWorkAttempts = attempts }), _clock);

    private static SlackWork Work(string text) => new()
    {
        Inbound = new SlackInbound
        {
            Kind = SlackInboundKind.Message,
            DeliveryId = "command:" + Guid.NewGuid().ToString("N"),
            TeamId = SlackRequests.Team,
            UserId = "U0ASKER",
            ConversationId = "C0GENERAL",
            IsPersonal = false,
            Text = text,
            ResponseUrl = new Uri("https://hooks.slack.example/commands/1"),
        },
        AcknowledgedAt = DateTimeOffset.UtcNow,
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };
}
