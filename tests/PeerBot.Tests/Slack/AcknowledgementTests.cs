using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Conversations;

namespace PeerBot.Tests.Slack;

/// <summary>Slack hears back at once, whatever the work costs; the work follows the acknowledgement.</summary>
public sealed class AcknowledgementTests() : SlackTestBase("slackack", services => services.AddSingleton<IChatCommand, SlowCommand>())
{
    // Slack gives up after 3 s. The slow handler below takes 5 s, so an answer inside this budget can only be the
    // acknowledgement; the budget leaves room for a machine busy with the rest of the suite.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(
            Leader("import:vp-a", "Grace Hopper", "VP Marketing", "Harbor Analytics", "grace@harbor.example", "import"),
            Leader("import:vp-b", "Katherine Johnson", "Vice President of Marketing", "Orbit Foods", "kj@orbit.example", "import"),
            Leader("import:eng", "Margaret Hamilton", "VP Engineering", "Apollo Systems", "mh@apollo.example", "import"));
        Slack.Users["U0ASKER"] = ("Ada Asker", "ada@asker.example");
    }

    [Fact]
    public async Task Findpeer_is_acknowledged_at_once_then_the_results_arrive_at_the_response_url()
    {
        var responseUrl = Slack.ResponseUrl("findpeer");
        var body = SlackRequests.Command("U0ASKER", "/findpeer", "VP marketing", "C0GENERAL", responseUrl);

        var (response, elapsed) = await SendAsync(SlackRequests.SignedPost("/slack/commands", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < Budget, $"acknowledged after {elapsed.TotalMilliseconds} ms");
        var results = await Slack.WaitForAsync(c => c.Method == "response_url:findpeer", what: "the results");
        Assert.Equal("ephemeral", results.Body["response_type"]!.GetValue<string>());
        Assert.Contains("Grace Hopper", results.Raw, StringComparison.Ordinal);
        Assert.Contains("Katherine Johnson", results.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Margaret Hamilton", results.Raw, StringComparison.Ordinal);
        Assert.NotNull(results.Button("requestIntro", "import:vp-a"));
    }

    [Fact]
    public async Task Findpeer_in_the_members_DM_with_PeerBot_posts_a_lasting_message_there()
    {
        await SeedAsync(Leader(SlackId("U0ASKER"), "Ada Asker", "VP Marketing", "Asker Inc", "ada@asker.example", "slack"));
        var body = SlackRequests.Command("U0ASKER", "/findpeer", "VP marketing", SlackStub.DirectMessage("U0ASKER"), Slack.ResponseUrl("dm"));

        var (response, elapsed) = await SendAsync(SlackRequests.SignedPost("/slack/commands", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < Budget, $"acknowledged after {elapsed.TotalMilliseconds} ms");
        var results = await Slack.WaitForAsync(c => c.Method == "chat.postMessage", what: "the results");
        Assert.Equal(SlackStub.DirectMessage("U0ASKER"), results.Channel);
        Assert.Equal("Bearer " + BotToken, results.Authorization);
        Assert.Contains("Grace Hopper", results.Raw, StringComparison.Ordinal);
        Assert.Empty(Slack.CallsTo("response_url:dm"));
    }

    [Fact]
    public async Task A_handler_that_takes_five_seconds_is_still_acknowledged_within_Slacks_three_seconds()
    {
        var body = SlackRequests.Command("U0ASKER", "/peerbot", "slowpoke", "C0GENERAL", Slack.ResponseUrl("slow"));
        var sent = DateTimeOffset.UtcNow;

        var (response, elapsed) = await SendAsync(SlackRequests.SignedPost("/slack/commands", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < Budget, $"acknowledged after {elapsed.TotalMilliseconds} ms");
        Assert.Empty(Slack.CallsTo("response_url:slow"));
        var reply = await Slack.WaitForAsync(c => c.Method == "response_url:slow", TimeSpan.FromSeconds(20), "the slow reply");
        Assert.True(reply.At - sent >= TimeSpan.FromSeconds(4.5), $"the reply came {(reply.At - sent).TotalSeconds} s after the request");
        Assert.Contains("finally", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_event_and_a_replayed_click_do_nothing_twice()
    {
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("U0ASKER", "findpeer VP marketing"));
        await EventAsync(envelope);
        var results = await Slack.WaitForMessageAsync("Grace Hopper");
        await EventAsync(envelope, retry: 1);
        await EventAsync(envelope, retry: 2);

        var click = SlackRequests.BlockAction("U0ASKER", results.Channel!, results.Ts!, "findpeer-0",
            new System.Text.Json.Nodes.JsonObject { ["action"] = "findpeer", ["query"] = "VP engineering" }, Slack.ResponseUrl("click"));
        await InteractAsync(click);
        await Slack.WaitForMessageAsync("Margaret Hamilton");
        await InteractAsync(click);

        await Task.Delay(800);
        Assert.Single(Slack.Messages, m => m.Raw.Contains("Grace Hopper", StringComparison.Ordinal));
        Assert.Single(Slack.Messages, m => m.Raw.Contains("Margaret Hamilton", StringComparison.Ordinal));
    }

    /// <summary>A command that works for five seconds before it answers.</summary>
    private sealed class SlowCommand : IChatCommand
    {
        public IReadOnlyList<string> Names { get; } = ["slowpoke"];

        public string Usage => "slowpoke";

        public string Description => "Takes its time.";

        public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            await context.SendAsync(new TextReply("Done, finally."), cancellationToken);
        }
    }
}
