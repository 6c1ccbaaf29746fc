namespace PeerBot.Conversations;

/// <summary>
/// How the router greets members it may not know yet. The router owns this hook so that it never needs to know where
/// members' details live; the feature that keeps them (Profiles) implements it.
/// </summary>
public interface IOnboarding
{
    /// <summary>The member arrived (installed the app, opened the chat) or took a personal turn: welcome them if they are new, once.</summary>
    Task WelcomeOnceAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken);

    /// <summary>Personal text that no command claimed: answers it when the member is still onboarding (false otherwise).</summary>
    Task<bool> TryAnswerAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken);
}
