namespace PeerBot.Conversations;

/// <summary>
/// A turn's claim in the <see cref="TurnLedger"/>: the insert that makes a repeat delivery of the same activity do
/// nothing. The router takes it before the turn's work, except for a card action that records the activity id in its
/// own conditional write (<see cref="ICardAction.ClaimsTurnItself"/>); such an action takes the claim here only on
/// the paths where that write does not happen, before it answers.
/// </summary>
public sealed class TurnClaim(TurnLedger ledger, ChatTurn turn)
{
    /// <summary>True when this turn needs a claim at all: it has an activity id, and no edge recorded it first.</summary>
    public bool Needed { get; } = turn.ActivityId is { Length: > 0 } && !turn.IsClaimed;

    /// <summary>True once this turn's row was inserted by this call (a failing turn takes it back).</summary>
    public bool Taken { get; private set; }

    /// <summary>False when the activity was handled before (a repeat): then nothing may be answered.</summary>
    public async Task<bool> TakeAsync(CancellationToken cancellationToken)
    {
        if (!Needed || Taken)
        {
            return true;
        }
        Taken = await ledger.TryBeginAsync(turn, cancellationToken);
        return Taken;
    }

    /// <summary>Gives the claim back, so that the channel's retry of a failed turn can still do the work.</summary>
    public Task ReleaseAsync() => Taken ? ledger.ForgetAsync(turn, CancellationToken.None) : Task.CompletedTask;
}
