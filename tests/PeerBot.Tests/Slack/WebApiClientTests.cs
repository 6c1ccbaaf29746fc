using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Outbound;
using PeerBot.Slack;

namespace PeerBot.Tests.Slack;

/// <summary>
/// The Web API client as the app registers it (its named client behind the outbound pipeline), against the loopback
/// stub. Retry delays run on a FakeTimeProvider given to the pipeline; Slack's pace is counted in real time.
/// </summary>
public sealed class WebApiClientTests : IAsyncLifetime
{
    private readonly SlackStub _slack = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly List<ServiceProvider> _services = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var services in _services)
        {
            await services.DisposeAsync();
        }
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Write_methods_send_json_with_the_bot_token_and_reads_send_forms()
    {
        var api = Api();
        var ts = await api.PostMessageAsync("xoxb-1", "C1", new SlackMessage("hello", new JsonArray(new JsonObject { ["type"] = "divider" })), CancellationToken.None);
        _slack.Users["U1"] = ("Uma One", "uma@one.example");
        var user = await api.GetUserAsync("xoxb-1", "U1", CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(ts));
        var post = _slack.CallsTo("chat.postMessage").Single();
        Assert.Equal("Bearer xoxb-1", post.Authorization);
        Assert.Equal("C1", post.Channel);
        Assert.Equal("divider", post.Blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal(new SlackUser("U1", "Uma One", "uma@one.example", "America/New_York"), user);
        Assert.Equal("U1", _slack.CallsTo("users.info").Single().Body["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ok_false_raises_slacks_error_code_and_is_not_retried()
    {
        _slack.Script("chat.postMessage", SlackStub.Error("channel_not_found"));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api().PostMessageAsync("xoxb-1", "C404", new SlackMessage("hi", null), CancellationToken.None));

        Assert.Equal("channel_not_found", error.Error);
        Assert.Equal("chat.postMessage", error.Method);
        await Task.Delay(200);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task A_429_waits_for_Retry_After_then_retries()
    {
        _slack.Script("chat.postMessage", SlackStub.Status(429, "7"));
        var call = Api().PostMessageAsync("xoxb-1", "C1", new SlackMessage("hi", null), CancellationToken.None);
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage");
        await Task.Delay(300);

        _clock.Advance(TimeSpan.FromSeconds(6.8));
        await Task.Delay(300);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.False(call.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(0.3));
        Assert.False(string.IsNullOrEmpty(await call.WaitAsync(TimeSpan.FromSeconds(10))));
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count());
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_jittered_delays()
    {
        _slack.Script("chat.update", SlackStub.Status(500), SlackStub.Status(503));
        var start = _clock.GetUtcNow();

        await Drive(Api(retryDelay: TimeSpan.FromSeconds(1)).UpdateAsync("xoxb-1", "C1", "1.2", new SlackMessage("hi", null), CancellationToken.None));

        Assert.Equal(3, _slack.CallsTo("chat.update").Count());
        // Back-offs of 0.5–1 s and then 1–2 s.
        Assert.InRange(_clock.GetUtcNow() - start, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Server_errors_give_up_after_the_last_retry_with_the_status_as_error()
    {
        _slack.Script("views.open", SlackStub.Status(502), SlackStub.Status(502), SlackStub.Status(502));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Drive(Api(maxRetries: 2).OpenViewAsync("xoxb-1", "t", [], CancellationToken.None)));

        Assert.Equal("http_502", error.Error);
        Assert.Equal(3, _slack.CallsTo("views.open").Count());
    }

    [Fact]
    public void Back_off_doubles_with_jitter_between_half_and_all_of_it()
    {
        var retry = new OutboundRetry { BaseDelay = TimeSpan.FromSeconds(1) };
        var delays = Enumerable.Range(0, 200).Select(_ => retry.Delay(2, null, DateTimeOffset.UtcNow, Random.Shared)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));
        Assert.True(delays.Distinct().Count() > 100, "the delays should be spread, not equal");
    }

    [Fact]
    public async Task Messages_keep_to_one_per_second_per_channel()
    {
        var api = Api();
        // A warm connection, so that the two messages travel alike (Slack's pace spaces out the sends).
        await api.PostEphemeralAsync("xoxb-1", "C0", "U1", new SlackMessage("warm-up", null), CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        var first = api.PostMessageAsync("xoxb-1", "C1", new SlackMessage("one", null), CancellationToken.None);
        var second = api.PostMessageAsync("xoxb-1", "C1", new SlackMessage("two", null), CancellationToken.None);
        var elsewhere = api.PostMessageAsync("xoxb-1", "C2", new SlackMessage("other channel", null), CancellationToken.None);
        await Task.WhenAll(first, elsewhere).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(900), "another channel's message should not wait");
        Assert.Equal(["one", "other channel"], _slack.CallsTo("chat.postMessage").Select(c => c.Text).Order(StringComparer.Ordinal));
        Assert.False(second.IsCompleted);

        await second.WaitAsync(TimeSpan.FromSeconds(10));
        var posts = _slack.CallsTo("chat.postMessage").Where(c => c.Channel == "C1").ToList();
        Assert.Equal(["one", "two"], posts.Select(c => c.Text));
        // Sent a full second apart; on arrival, loopback jitter of a few milliseconds either way.
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromMilliseconds(980), $"{(posts[1].At - posts[0].At).TotalMilliseconds} ms apart");
        // Ephemeral messages are not channel messages: Slack's pace does not apply to them.
        var quick = Stopwatch.GetTimestamp();
        await api.PostEphemeralAsync("xoxb-1", "C1", "U1", new SlackMessage("just you", null), CancellationToken.None);
        Assert.True(Stopwatch.GetElapsedTime(quick) < TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Oauth_exchange_authenticates_with_the_client_credentials()
    {
        _slack.OAuthAccess = new JsonObject { ["ok"] = true, ["access_token"] = "xoxb-new", ["team"] = new JsonObject { ["id"] = "T9" } };

        var access = await Api().ExchangeCodeAsync("client 1", "s3cret", "code-1", new Uri("https://peerbot.example/slack/oauth/callback"), CancellationToken.None);

        Assert.Equal("xoxb-new", access["access_token"]!.GetValue<string>());
        var call = _slack.CallsTo("oauth.v2.access").Single();
        Assert.Equal("Basic " + Convert.ToBase64String("client%201:s3cret"u8.ToArray()), call.Authorization);
        Assert.Equal("code-1", call.Body["code"]!.GetValue<string>());
    }

    private SlackApi Api(TimeSpan? retryDelay = null, int maxRetries = 3)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .Configure<SlackOptions>(options =>
            {
                options.ApiBaseUrl = _slack.ApiBaseUrl;
                options.MessageInterval = TimeSpan.FromSeconds(1);
                options.RetryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
                options.MaxRetries = maxRetries;
            })
            .AddKeyedSingleton<TimeProvider>(OutboundSetup.ClockKey, _clock)
            .AddSlackApi()
            .BuildServiceProvider();
        _services.Add(services);
        return services.GetRequiredService<SlackApi>();
    }

    /// <summary>Moves fake time on in small steps until the call finishes (its back-offs wait on that clock).</summary>
    private async Task Drive(Task call)
    {
        for (var step = 0; step < 400 && !call.IsCompleted; step++)
        {
            await Task.Delay(15);
            _clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        await call;
    }
}
