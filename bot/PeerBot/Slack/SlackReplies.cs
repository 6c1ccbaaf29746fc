using PeerBot.Cards;

namespace PeerBot.Slack;

/// <summary>Makes the reply channel for a turn, or for a proactive post.</summary>
public sealed class SlackReplies(SlackApi api, CardLibrary cards, ILogger<SlackReplyChannel> logger)
{
    public SlackReplyChannel For(SlackTurn turn) => new(turn, api, cards, logger);
}
