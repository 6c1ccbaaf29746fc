using PeerBot.Conversations;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Telemetry;

namespace PeerBot.Intros;

/// <summary>Why a request was or was not sent.</summary>
public enum RequestOutcome
{
    Sent,
    Duplicate,
    NoProfile,
    UnknownPeer,
    NotAllowed,
    AlreadyOpen,
    Cooldown,
    WeeklyLimit,
    PeerBusy,
}

/// <summary>How a forwarded message went.</summary>
public enum RelayOutcome
{
    Sent,
    AlreadyUsed,
    Empty,
    TooLong,
    NotYours,
}

/// <summary>
/// The introduction lifecycle. Every change goes through an ETag-guarded write of the pair's row, so racing
/// clicks produce exactly one outcome, and only the winner sends messages.
/// </summary>
public sealed class IntroService(IntroStore store, IntroLedgers ledgers, ProfileStore profiles, MemberProfiles known, IntroHistory history, ProfileContacts contacts, MemberMessenger messenger, BusyPeers busy, IEnumerable<IIntroWatcher> watchers, TimeProvider clock)
{
    public Task<(RequestOutcome Outcome, Introduction? Intro)> RequestAsync(string requesterId, string peerId, string note, string activityId, CancellationToken cancellationToken) =>
        RequestAsync(requesterId, peerId, note, activityId, readPair: false, cancellationToken);

    /// <param name="readPair">
    /// Read the pair's row even when the requester's intros, as this instance holds them, include none with the peer
    /// (then the row is only inserted, which fails if it exists after all; the request is then made again, reading it).
    /// </param>
    private async Task<(RequestOutcome Outcome, Introduction? Intro)> RequestAsync(string requesterId, string peerId, string note, string activityId, bool readPair, CancellationToken cancellationToken)
    {
        // Both profiles from memory: name, title, organization and its key, email domain and whether listed.
        var requester = await known.FindAsync(requesterId, cancellationToken);
        if (requester is null)
        {
            return (RequestOutcome.NoProfile, null);
        }
        var peer = await known.FindAsync(peerId, cancellationToken);
        if (peer is null || !peer.Discoverable)
        {
            return (RequestOutcome.UnknownPeer, null);
        }
        // The same rules as search: one organization key, one employer domain, or one declared organization.
        if (peer.Id == requester.Id || peer.OrganizationKey == requester.OrganizationKey
            || (peer.EmailDomain is not null && peer.EmailDomain == requester.EmailDomain)
            || (OrganizationKeys.NormaliseName(peer.Organization) is { Length: > 0 } declared && declared == OrganizationKeys.NormaliseName(requester.Organization)))
        {
            return (RequestOutcome.NotAllowed, null);
        }

        var pairKey = IntroRules.PairKey(requesterId, peerId);
        var now = clock.GetUtcNow();
        var unread = !readPair && history.KnowsNone(requesterId, peerId);
        var existing = unread ? null : await store.GetAsync(pairKey, cancellationToken);
        if (existing is { } last)
        {
            if (last.Intro.RequestActivityId == activityId && activityId.Length > 0)
            {
                return (RequestOutcome.Duplicate, last.Intro);
            }
            if (!IntroRules.MayRequestAgain(last.Intro, now))
            {
                return (last.Intro.State == IntroState.Declined ? RequestOutcome.Cooldown : RequestOutcome.AlreadyOpen, last.Intro);
            }
        }

        var intro = new Introduction
        {
            PairKey = pairKey,
            Round = (existing?.Intro.Round ?? 0) + 1,
            RequesterId = requesterId,
            PeerId = peerId,
            Note = ProfileForm.Clean(note).Length > IntroRules.MaxNoteLength ? ProfileForm.Clean(note)[..IntroRules.MaxNoteLength] : ProfileForm.Clean(note),
            State = IntroState.Requested,
            History = [new IntroTransition(IntroState.Requested, now, requesterId)],
            RequestActivityId = activityId,
        };

        // Reserve the requester's weekly allowance, then a place in the peer's queue; undo in reverse on failure.
        // Each ledger is written together with its member's index row for the pair, in one transaction.
        if (!await ledgers.TryChangeAsync(requesterId, l => TakeWeeklySlot(l, now), cancellationToken, new IntroIndexEntry(pairKey, peerId)))
        {
            return (RequestOutcome.WeeklyLimit, null);
        }
        var peerLedger = await ledgers.ChangeAsync(peerId, l => TakeIncomingSlot(l, pairKey), cancellationToken, new IntroIndexEntry(pairKey, requesterId));
        if (peerLedger is null)
        {
            await ledgers.TryChangeAsync(requesterId, l => l with { SentAt = Without(l.SentAt, now) }, CancellationToken.None);
            return (RequestOutcome.PeerBusy, null);
        }
        try
        {
            await store.SaveAsync(intro, existing?.ETag, cancellationToken);
        }
        catch (ConcurrentEditException)
        {
            await ledgers.TryChangeAsync(peerId, l => l with { PendingIncoming = [.. l.PendingIncoming.Where(k => k != pairKey)] }, CancellationToken.None);
            await ledgers.TryChangeAsync(requesterId, l => l with { SentAt = Without(l.SentAt, now) }, CancellationToken.None);
            if (unread)
            {
                return await RequestAsync(requesterId, peerId, note, activityId, readPair: true, cancellationToken);
            }
            var winner = await store.GetAsync(pairKey, cancellationToken);
            return (winner?.Intro.RequestActivityId == activityId ? RequestOutcome.Duplicate : RequestOutcome.AlreadyOpen, winner?.Intro);
        }
        PeerBotTelemetry.Intro("requested");
        busy.Update(peerId, peerLedger.PendingIncoming.Count >= IntroRules.MaxPendingIncoming);
        await messenger.SendAsync(peerId, IntroCards.Request(intro, requester, peer), cancellationToken, [requesterId]);
        return (RequestOutcome.Sent, intro);
    }

    /// <summary>
    /// Moves an introduction on behalf of <paramref name="actorId"/>. Returns the introduction as it stands
    /// afterwards and whether this call made the change (false: someone else's click or the sweep won).
    /// </summary>
    public async Task<(Introduction? Intro, bool Changed)> MoveAsync(string pairKey, int round, IntroState to, string actorId, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(pairKey, cancellationToken);
        if (current is not { } found || found.Intro.Round != round)
        {
            return (current?.Intro, false);
        }
        var (intro, etag) = found;
        if (!IntroRules.MayMove(intro, to, actorId))
        {
            return (intro, false);
        }
        var moved = intro.MoveTo(to, clock.GetUtcNow(), actorId);
        try
        {
            await store.SaveAsync(moved, etag, cancellationToken);
        }
        catch (ConcurrentEditException)
        {
            return ((await store.GetAsync(pairKey, cancellationToken))?.Intro, false);
        }
        PeerBotTelemetry.Intro(to.ToString().ToLowerInvariant());
        await ledgers.TryChangeAsync(intro.PeerId, l => l with { PendingIncoming = [.. l.PendingIncoming.Where(k => k != pairKey)] }, cancellationToken);
        busy.Update(intro.PeerId, false);
        await AnnounceAsync(moved, cancellationToken);
        foreach (var watcher in watchers)
        {
            await watcher.MovedAsync(moved, cancellationToken);
        }
        if (to == IntroState.Accepted)
        {
            var saved = await store.GetAsync(pairKey, cancellationToken);
            return (await ConnectAsync(moved, saved!.Value.ETag, cancellationToken), true);
        }
        return (moved, true);
    }

    /// <summary>"Not now": the request stays open and comes back with the peer's next nudge.</summary>
    public async Task<Introduction?> SnoozeAsync(string pairKey, int round, string actorId, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(pairKey, cancellationToken);
        if (current is not { } found || found.Intro.Round != round || found.Intro.PeerId != actorId || found.Intro.State != IntroState.Requested)
        {
            return current?.Intro;
        }
        var snoozed = found.Intro with { SnoozedAt = clock.GetUtcNow() };
        try
        {
            await store.SaveAsync(snoozed, found.ETag, cancellationToken);
            return snoozed;
        }
        catch (ConcurrentEditException)
        {
            return (await store.GetAsync(pairKey, cancellationToken))?.Intro;
        }
    }

    /// <summary>
    /// Sends the connected cards for an accepted introduction and records it as connected. Called by the
    /// accepting turn, and by the sweep for an accept whose turn died before it finished.
    /// </summary>
    public async Task<Introduction> ConnectAsync(Introduction accepted, Azure.ETag etag, CancellationToken cancellationToken)
    {
        var requester = (await profiles.GetAsync(accepted.RequesterId, cancellationToken))?.Peer;
        var peer = (await profiles.GetAsync(accepted.PeerId, cancellationToken))?.Peer;
        if (requester is not null && peer is not null)
        {
            // A member without an email gets one roster lookup now (both at once: the accept's card must answer in
            // seconds); one that fails leaves the card offering the forwarded message instead.
            var completed = await Task.WhenAll(contacts.CompleteAsync(requester, cancellationToken), contacts.CompleteAsync(peer, cancellationToken));
            (requester, peer) = (completed[0], completed[1]);
            await messenger.SendAsync(requester.Id, IntroCards.Connected(accepted, requester, peer), cancellationToken, [peer.Id]);
            await messenger.SendAsync(peer.Id, IntroCards.Connected(accepted, peer, requester), cancellationToken, [requester.Id]);
        }
        var connected = accepted.MoveTo(IntroState.Connected, clock.GetUtcNow(), accepted.PeerId);
        try
        {
            await store.SaveAsync(connected, etag, cancellationToken);
            PeerBotTelemetry.Intro("connected");
            return connected;
        }
        catch (ConcurrentEditException)
        {
            return (await store.GetAsync(accepted.PairKey, cancellationToken))?.Intro ?? connected;
        }
    }

    /// <summary>
    /// Forwards one message from <paramref name="senderId"/> to the other side of a connection, once per member and
    /// round (recorded on the introduction's row, ETag-guarded, before anything is sent).
    /// </summary>
    public async Task<(RelayOutcome Outcome, Peer? Other)> RelayAsync(string pairKey, int round, string senderId, string message, CancellationToken cancellationToken)
    {
        var text = ProfileForm.Clean(message);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = await store.GetAsync(pairKey, cancellationToken);
            if (current is not { } found || found.Intro.Round != round || found.Intro.State != IntroState.Connected
                || (found.Intro.RequesterId != senderId && found.Intro.PeerId != senderId))
            {
                return (RelayOutcome.NotYours, null);
            }
            var intro = found.Intro;
            var other = (await profiles.GetAsync(intro.OtherThan(senderId), cancellationToken))?.Peer;
            var sender = (await profiles.GetAsync(senderId, cancellationToken))?.Peer;
            if (other is null || sender is null)
            {
                return (RelayOutcome.NotYours, null);
            }
            if (intro.RelayedBy.Contains(senderId, StringComparer.Ordinal))
            {
                return (RelayOutcome.AlreadyUsed, other);
            }
            if (text.Length == 0)
            {
                return (RelayOutcome.Empty, other);
            }
            if (text.Length > IntroRules.MaxRelayLength)
            {
                return (RelayOutcome.TooLong, other);
            }
            var relayed = intro with { RelayedBy = [.. intro.RelayedBy, senderId] };
            try
            {
                await store.SaveAsync(relayed, found.ETag, cancellationToken);
            }
            catch (ConcurrentEditException)
            {
                continue;
            }
            await messenger.SendAsync(other.Id, IntroCards.Relayed(relayed, other, sender, text), cancellationToken, [sender.Id]);
            return (RelayOutcome.Sent, other);
        }
        return (RelayOutcome.AlreadyUsed, null);
    }

    /// <summary>Tells the other side what happened; the clicker sees it on their own card.</summary>
    private async Task AnnounceAsync(Introduction intro, CancellationToken cancellationToken)
    {
        var requester = (await profiles.GetAsync(intro.RequesterId, cancellationToken))?.Peer;
        var peer = (await profiles.GetAsync(intro.PeerId, cancellationToken))?.Peer;
        switch (intro.State)
        {
            case IntroState.Declined when requester is not null:
                await messenger.SendAsync(requester.Id, IntroCards.Notice("Not available right now",
                    $"{RequestIntroAction.PlainName(peer?.Name ?? "This leader")} is not available right now. Try another peer with **findpeer**."), cancellationToken, [intro.PeerId]);
                break;
            case IntroState.Expired:
                if (requester is not null)
                {
                    await messenger.SendAsync(requester.Id, IntroCards.Notice("Request expired",
                        $"Your intro request to {peer?.Name ?? "a peer"} expired after {IntroRules.ExpiresAfter.Days} days without an answer."), cancellationToken, [intro.PeerId]);
                }
                if (peer is not null)
                {
                    await messenger.SendAsync(peer.Id, IntroCards.Notice("Request expired",
                        $"The intro request from {requester?.Name ?? "a leader"} has expired."), cancellationToken, [intro.RequesterId]);
                }
                break;
            default:
                break;
        }
    }

    private static IntroLedger? TakeWeeklySlot(IntroLedger ledger, DateTimeOffset now)
    {
        var recent = ledger.SentAt.Where(t => now - t < IntroRules.RequestWindow).ToList();
        return recent.Count >= IntroRules.MaxRequestsPerWeek ? null : ledger with { SentAt = [.. recent, now] };
    }

    private static IntroLedger? TakeIncomingSlot(IntroLedger ledger, string pairKey) =>
        ledger.PendingIncoming.Contains(pairKey) ? ledger
        : ledger.PendingIncoming.Count >= IntroRules.MaxPendingIncoming ? null
        : ledger with { PendingIncoming = [.. ledger.PendingIncoming, pairKey] };

    private static List<DateTimeOffset> Without(IReadOnlyList<DateTimeOffset> times, DateTimeOffset one)
    {
        var list = times.ToList();
        list.Remove(one);
        return list;
    }
}
