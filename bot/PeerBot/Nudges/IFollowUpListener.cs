using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>
/// Told when a member answers "Did you meet?" (once per stored answer). A listener may return the card the member
/// sees next in place of the thanks: the meeting feedback questions after "Yes", for one.
/// </summary>
public interface IFollowUpListener
{
    Task<CardReply?> AnsweredAsync(string pairKey, int round, string memberId, string answer, CancellationToken cancellationToken);
}
