using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>
/// A new member's first steps: a welcome, once, then the profile form. Nothing is stored while they fill it in: a
/// member is onboarding for as long as they have no profile, and only the welcome is marked, once per member.
/// </summary>
public sealed class Onboarding(ProfileEditor editor, MemberProfiles profiles, INetworkSize network, TurnLedger ledger) : IOnboarding
{
    private const string Welcomed = "welcomed";

    public async Task WelcomeOnceAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        if (await profiles.FindAsync(turn.From.PeerId, cancellationToken) is null)
        {
            await WelcomeAsync(turn, replies, cancellationToken);
        }
    }

    public async Task<bool> TryAnswerAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        if (await profiles.FindAsync(turn.From.PeerId, cancellationToken) is not null)
        {
            return false;
        }
        if (!await WelcomeAsync(turn, replies, cancellationToken))
        {
            // The earlier form may be gone (a reloaded client shows no history): the form comes again.
            await replies.SendAsync(new TextReply("Please fill in the profile form below, or type **help** to see what I can do."), cancellationToken);
            await editor.ShowFormAsync(turn, replies, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// The welcome and the form, unless the member was welcomed before. Channels may announce a member twice at once
    /// (an install and a conversation update); the mark lets only one of them through.
    /// </summary>
    private async Task<bool> WelcomeAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        if (!await ledger.TryMarkAsync(turn.From.PeerId, Welcomed, cancellationToken))
        {
            return false;
        }
        try
        {
            await replies.SendAsync(ProfileCards.Welcome(turn.From.Name, network.Count), cancellationToken);
            await editor.ShowFormAsync(turn, replies, cancellationToken);
            return true;
        }
        catch
        {
            // Not welcomed after all: a retry of this turn welcomes them.
            await ledger.UnmarkAsync(turn.From.PeerId, Welcomed, CancellationToken.None);
            throw;
        }
    }
}
