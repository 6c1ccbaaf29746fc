using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PeerBot.Conversations;
using PeerBot.Intros;

namespace PeerBot.Demo;

/// <summary>
/// Reaches the fictional demo leaders (<c>demo:…</c>). Everything sent to them is taken as delivered; with
/// <c>Demo:Seed</c> on, an intro request is answered after <see cref="DemoOptions.AnswerAfterSeconds"/> by pressing
/// the request card's own button: a card action from the demo leader, through the router and the same intro code as
/// a real member's click. Most accept, about one in six declines, and one leader (<see cref="NotNowLeader"/>) says
/// "Not now". Pending answers live in memory: a restart forgets them, which a demo can afford.
/// </summary>
public sealed partial class DemoAnswers(IServiceProvider services, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoAnswers> logger)
    : BackgroundService, IChannelMessenger
{
    /// <summary>The demo leader who answers "Not now" (a VP of Marketing, so a newcomer's first search can meet them).</summary>
    public const string NotNowLeader = "demo:0358";

    private readonly Channel<(DateTimeOffset Due, string LeaderId, string Verb, JsonObject Data)> _pending =
        Channel.CreateUnbounded<(DateTimeOffset, string, string, JsonObject)>(new UnboundedChannelOptions { SingleReader = true });

    public bool Reaches(string memberId) => memberId.StartsWith(DemoNetwork.Channel + ":", StringComparison.Ordinal);

    public Task<bool> TrySendAsync(string memberId, BotReply reply, CancellationToken cancellationToken)
    {
        if (options.Value.Seed && reply is CardReply { Template: "introRequest" } request
            && request.Data["intro"] is JsonValue intro && intro.TryGetValue<string>(out var pairKey))
        {
            var verb = AnswerOf(memberId);
            var data = new JsonObject { ["action"] = verb, ["intro"] = pairKey, ["round"] = request.Data["round"]?.DeepClone() };
            _pending.Writer.TryWrite((clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, options.Value.AnswerAfterSeconds)), memberId, verb, data));
        }
        // The fictional leader "reads" every message; nothing waits in an outbox for someone who never comes.
        return Task.FromResult(true);
    }

    /// <summary>What a demo leader answers: the same for every run, so a demo can be shown twice.</summary>
    public static string AnswerOf(string leaderId)
    {
        if (leaderId == NotNowLeader)
        {
            return IntroVerbs.Snooze;
        }
        var hash = 2166136261u;
        foreach (var c in leaderId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash % 6 == 0 ? IntroVerbs.Decline : IntroVerbs.Accept;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (due, leaderId, verb, data) in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            var wait = due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            try
            {
                await AnswerAsync(leaderId, verb, data, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogAnswerFailed(logger, e.GetType().Name);
            }
        }
    }

    private async Task AnswerAsync(string leaderId, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the router's commands reach the messengers, this among them.
        var router = services.GetRequiredService<ConversationRouter>();
        var userId = leaderId[(DemoNetwork.Channel.Length + 1)..];
        var turn = new ChatTurn(new Member(DemoNetwork.Channel, userId, null, null, null), leaderId, IsPersonal: true, Text: null, data,
            ActivityId: $"demo-answer-{data["intro"]}-{data["round"]}");
        await router.OnTurnAsync(turn, new DemoReplies(), cancellationToken);
        LogAnswered(logger, verb);
    }

    /// <summary>What the demo leader would see in their own chat: nobody reads it.</summary>
    private sealed class DemoReplies : IReplyChannel
    {
        public Task SendAsync(BotReply reply, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A demo leader answered an intro request: {Verb}")]
    private static partial void LogAnswered(ILogger logger, string verb);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A demo leader's answer failed ({ExceptionType})")]
    private static partial void LogAnswerFailed(ILogger logger, string exceptionType);
}
