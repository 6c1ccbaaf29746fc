using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>Shows the profile form prefilled, and saves what comes back from it.</summary>
public sealed class ProfileEditor(ProfileStore profiles, TimeProvider clock)
{
    public async Task ShowFormAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var existing = await profiles.GetAsync(turn.From.PeerId, cancellationToken);
        var form = existing is not null ? ProfileForm.FromPeer(existing.Peer) : Prefill(turn);
        await replies.SendAsync(ProfileCards.Form(form, OrganizationHint(turn.From), []), cancellationToken);
    }

    /// <summary>Validates and saves a submitted form. False (with the form sent back, errors shown) when it is not valid.</summary>
    public async Task<bool> SubmitAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var form = ProfileForm.FromSubmission(turn.Value ?? []);
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            await replies.SendAsync(ProfileCards.Form(form, OrganizationHint(turn.From), errors), cancellationToken);
            return false;
        }

        var existing = await profiles.GetAsync(turn.From.PeerId, cancellationToken);
        var email = turn.From.Email ?? existing?.Peer.Email;
        var peer = new Peer
        {
            Id = turn.From.PeerId,
            Name = form.Name,
            Title = form.Title,
            Organization = form.Organization,
            OrganizationKey = OrganizationKeys.For(turn.From.Channel == "msteams" ? turn.From.TenantId : null, email, form.Organization),
            Headcount = form.HeadcountValue,
            Industry = form.Industry,
            TimeZone = form.TimeZone,
            Topics = form.TopicList(),
            Discoverable = form.Discoverable,
            Email = email,
            Channel = turn.From.Channel,
            UpdatedAt = clock.GetUtcNow(),
        };
        // Two submits of the same form race harmlessly: the loser retries against the winner's row.
        try
        {
            await profiles.SaveAsync(peer, existing?.ETag, cancellationToken);
        }
        catch (Storage.ConcurrentEditException)
        {
            var latest = await profiles.GetAsync(peer.Id, cancellationToken);
            await profiles.SaveAsync(peer, latest?.ETag, cancellationToken);
        }
        await replies.SendAsync(new TextReply(existing is null ? "Your profile is saved. Try **findpeer** followed by a role, e.g. `findpeer VP marketing`." : "Your profile is updated."), cancellationToken);
        await replies.SendAsync(ProfileCards.Show(peer), cancellationToken);
        return true;
    }

    private static ProfileForm Prefill(ChatTurn turn)
    {
        var domain = OrganizationKeys.EmailDomain(turn.From.Email);
        var organization = domain is null ? "" : OrganizationFromDomain(domain);
        return new ProfileForm(ProfileForm.Clean(turn.From.Name ?? ""), "", organization, "", "", turn.LocalTimeZone ?? "UTC", "", Discoverable: true);
    }

    private static string OrganizationFromDomain(string domain)
    {
        var label = domain.Split('.')[0];
        return label.Length == 0 ? "" : char.ToUpperInvariant(label[0]) + label[1..];
    }

    private static string OrganizationHint(Member member) => member switch
    {
        { Channel: "msteams", TenantId.Length: > 0 } => "Colleagues in your Teams organization are never suggested as peers.",
        _ when OrganizationKeys.EmailDomain(member.Email) is { } domain => $"People with @{domain} addresses are never suggested as peers.",
        _ => "People who name the same organization are never suggested as peers.",
    };
}
