using PeerBot.Conversations;
using PeerBot.Storage;

namespace PeerBot.Profiles;

/// <summary>What a member's channel directory (the Teams roster) says about them.</summary>
public sealed record MemberContact(string? Email, string? Upn, bool IsGuest, string? Name = null);

/// <summary>
/// A channel's directory of members, asked for a member's contact details when a turn does not carry them (Teams
/// activities never carry an email). Answers are cached by the channel, so asking again costs nothing.
/// </summary>
public interface IMemberRoster
{
    /// <summary>Whether this roster answers for the member (by their id's channel).</summary>
    bool Knows(string memberId);

    /// <summary>The member's contact details, or null when the directory cannot be asked or did not answer.</summary>
    Task<MemberContact?> LookUpAsync(string memberId, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps the contact details on profiles current: the email and UPN the roster gives are stored at onboarding, on
/// every save, when a join brings newer ones, and (one cached roster lookup) before a connected card goes out.
/// </summary>
public sealed class ProfileContacts(ProfileStore profiles, IEnumerable<IMemberRoster> rosters, TimeProvider clock)
{
    /// <summary>The member's contact details: what the turn carries, else what their roster says (null when neither).</summary>
    public async Task<MemberContact?> CurrentAsync(Member member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Email is { Length: > 0 } || member.Upn is { Length: > 0 })
        {
            return new MemberContact(member.Email, member.Upn, member.IsGuest, member.Name);
        }
        return rosters.FirstOrDefault(r => r.Knows(member.PeerId)) is { } roster
            ? await roster.LookUpAsync(member.PeerId, cancellationToken)
            : null;
    }

    /// <summary>The profile with the contact details applied; a guest's missing email is recovered from their UPN.</summary>
    public static Peer With(Peer peer, MemberContact? contact)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (contact is null)
        {
            return peer;
        }
        var isGuest = contact.IsGuest || OrganizationKeys.IsGuest(null, contact.Upn);
        var email = isGuest ? OrganizationKeys.GuestHomeEmail(contact.Email, contact.Upn) : contact.Email;
        return peer with
        {
            Email = email is { Length: > 0 } ? email.Trim() : peer.Email,
            Upn = contact.Upn is { Length: > 0 } ? contact.Upn.Trim() : peer.Upn,
            IsGuest = isGuest || (contact.Upn is null && peer.IsGuest),
        };
    }

    /// <summary>A join brought roster details: stored on the member's profile when they differ (one read, a write only then).</summary>
    public async Task RefreshAsync(Member member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Email is not { Length: > 0 } && member.Upn is not { Length: > 0 })
        {
            return;
        }
        if (await profiles.GetAsync(member.PeerId, cancellationToken) is not { } stored)
        {
            return;
        }
        await SaveIfChangedAsync(stored, new MemberContact(member.Email, member.Upn, member.IsGuest, member.Name), cancellationToken);
    }

    /// <summary>
    /// The profile, completed before contact details are shared: a member without an email gets one roster lookup
    /// (cached by the roster, failures included), and what it finds is stored. Never throws for a roster failure.
    /// </summary>
    public async Task<Peer> CompleteAsync(Peer peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.Email is { Length: > 0 } || rosters.FirstOrDefault(r => r.Knows(peer.Id)) is not { } roster)
        {
            return peer;
        }
        var contact = await roster.LookUpAsync(peer.Id, cancellationToken);
        if (contact is null || With(peer, contact) is not { Email.Length: > 0 } completed)
        {
            return peer;
        }
        if (await profiles.GetAsync(peer.Id, cancellationToken) is { } stored)
        {
            return await SaveIfChangedAsync(stored, contact, cancellationToken) ?? completed;
        }
        return completed;
    }

    private async Task<Peer?> SaveIfChangedAsync(StoredPeer stored, MemberContact contact, CancellationToken cancellationToken)
    {
        var updated = With(stored.Peer, contact);
        if (updated.Email == stored.Peer.Email && updated.Upn == stored.Peer.Upn && updated.IsGuest == stored.Peer.IsGuest)
        {
            return stored.Peer;
        }
        try
        {
            updated = profiles.Policy.Apply(updated with { UpdatedAt = clock.GetUtcNow() });
            await profiles.SaveAsync(updated, stored.ETag, cancellationToken);
            return updated;
        }
        catch (ConcurrentEditException)
        {
            // The member saved their profile meanwhile; that save carried the roster's details too.
            return (await profiles.GetAsync(stored.Peer.Id, cancellationToken))?.Peer;
        }
    }
}
