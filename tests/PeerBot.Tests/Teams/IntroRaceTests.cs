using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Intros;

namespace PeerBot.Tests.Teams;

/// <summary>Racing clicks and the expiry sweep against real ETags in Azurite: one outcome, one set of messages.</summary>
public sealed class IntroRaceTests() : BotTestBase("introrace", services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)))
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private const string A = "race-a";
    private const string B = "race-b";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(
            Leader("msteams:" + A, "Ann Archer", "VP Sales", "Alpha Co", email: "ann@alpha.example") with { Channel = "msteams" },
            Leader("msteams:" + B, "Ben Baker", "VP Sales", "Beta Co", email: "ben@beta.example") with { Channel = "msteams" });
        await SayAsync(Activities.Message(Connector.ServiceUrl, A, "help"), 1);
        await SayAsync(Activities.Message(Connector.ServiceUrl, B, "help"), 1);
        await SayAsync(Activities.Submit(Connector.ServiceUrl, A, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:" + B }), 1);
    }

    [Fact]
    public async Task Ten_parallel_accepts_connect_once()
    {
        var intro = await IntroAsync();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(Activities.Submit(Connector.ServiceUrl, B, Move(IntroVerbs.Accept, intro)))));
        await Task.Delay(500);

        Assert.Equal(IntroState.Connected, (await IntroAsync()).State);
        Assert.Equal(1, ConnectedCards(A));
        Assert.Equal(1, ConnectedCards(B));
    }

    [Fact]
    public async Task Accept_racing_cancel_has_exactly_one_winner()
    {
        var intro = await IntroAsync();
        var accept = Activities.Submit(Connector.ServiceUrl, B, Move(IntroVerbs.Accept, intro));
        var cancel = Activities.Submit(Connector.ServiceUrl, A, Move(IntroVerbs.Cancel, intro));
        await Task.WhenAll(PostAsync(accept), PostAsync(cancel), PostAsync(accept.DeepClone().AsObject()), PostAsync(cancel.DeepClone().AsObject()));
        await Task.Delay(500);

        var final = await IntroAsync();
        Assert.Contains(final.State, new[] { IntroState.Connected, IntroState.Cancelled });
        var expectedCards = final.State == IntroState.Connected ? 1 : 0;
        Assert.Equal(expectedCards, ConnectedCards(A));
        Assert.Equal(expectedCards, ConnectedCards(B));
        Assert.Equal(final.State == IntroState.Connected ? 3 : 2, final.History.Count);
    }

    [Fact]
    public async Task Accept_racing_expiry_has_exactly_one_winner_and_both_sides_hear_of_an_expiry()
    {
        var intro = await IntroAsync();
        Clock.Advance(IntroRules.ExpiresAfter + TimeSpan.FromMinutes(1));
        var sweeper = Host.Services.GetServices<IHostedService>().OfType<IntroSweeper>().Single();

        var accept = PostAsync(Activities.Submit(Connector.ServiceUrl, B, Move(IntroVerbs.Accept, intro)));
        var sweep = sweeper.SweepAsync(CancellationToken.None);
        await Task.WhenAll(accept, sweep);
        await Task.Delay(500);

        var final = await IntroAsync();
        if (final.State == IntroState.Expired)
        {
            Assert.Equal(0, ConnectedCards(A));
            Assert.Single(Connector.SentTo(Activities.PersonalConversation(A)), s => s.RawBody.Contains("expired after 14 days", StringComparison.Ordinal));
            Assert.Single(Connector.SentTo(Activities.PersonalConversation(B)), s => s.RawBody.Contains("has expired", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal(IntroState.Connected, final.State);
            Assert.Equal(1, ConnectedCards(A));
            Assert.DoesNotContain(Connector.SentTo(Activities.PersonalConversation(A)), s => s.RawBody.Contains("expired", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unanswered_request_expires_after_14_days_and_not_before()
    {
        var sweeper = Host.Services.GetServices<IHostedService>().OfType<IntroSweeper>().Single();
        Clock.Advance(IntroRules.ExpiresAfter - TimeSpan.FromHours(1));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(IntroState.Expired, (await IntroAsync()).State);
    }

    private int ConnectedCards(string user) =>
        Connector.SentTo(Activities.PersonalConversation(user)).Count(s => s.Activity["attachments"]?[0]?["name"]?.GetValue<string>() == "introConnected");

    private async Task<Introduction> IntroAsync() =>
        (await Host.Services.GetRequiredService<IntroStore>().GetAsync(IntroRules.PairKey("msteams:" + A, "msteams:" + B), CancellationToken.None))!.Value.Intro;

    private static JsonObject Move(string verb, Introduction intro) =>
        new() { ["action"] = verb, ["intro"] = intro.PairKey, ["round"] = intro.Round };
}
