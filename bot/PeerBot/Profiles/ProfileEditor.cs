using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>Shows the profile form prefilled, and saves what comes back from it, with the contact details the roster gives.</summary>
public sealed class ProfileEditor(ProfileStore profiles, ProfileContacts contacts, TimeProvider clock)
{
    public async Task ShowFormAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var existing = await profiles.GetAsync(turn.From.PeerId, cancellationToken);
        var form = existing is not null ? ProfileForm.FromPeer(existing.Peer) : Prefill(turn);
        await replies.SendAsync(ProfileCards.Form(form, OrganizationHint(turn.From, existing?.Peer, form.Organization), []), cancellationToken);
    }

    /// <summary>Validates and saves a submitted form. False (with the form sent back, errors shown) when it is not valid.</summary>
    public async Task<bool> SubmitAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var form = ProfileForm.FromSubmission(turn.Value ?? []);
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            await replies.SendAsync(ProfileCards.Form(form, OrganizationHint(turn.From, null, form.Organization), errors), cancellationToken);
            return false;
        }

        var existing = await profiles.GetAsync(turn.From.PeerId, cancellationToken);
        // Teams never puts the email on a turn: the roster gives it (cached since the member joined, else asked once).
        var contact = await contacts.CurrentAsync(turn.From, cancellationToken);
        var peer = ProfileContacts.With(new Peer
        {
            Id = turn.From.PeerId,
            Name = form.Name,
            Title = form.Title,
            Organization = form.Organization,
            OrganizationKey = "",
            Headcount = form.HeadcountValue,
            Industry = form.Industry,
            TimeZone = form.TimeZone,
            Topics = form.TopicList(),
            Discoverable = form.Discoverable,
            Email = existing?.Peer.Email,
            Upn = existing?.Peer.Upn,
            TenantId = turn.From.Channel == "msteams" ? turn.From.TenantId : null,
            IsGuest = existing?.Peer.IsGuest ?? false,
            PreferredContact = form.PreferredContact,
            MeetingMinutes = form.MeetingMinutesValue ?? existing?.Peer.MeetingMinutes ?? Peer.DefaultMeetingMinutes,
            MeetingLink = form.MeetingLink,
            Channel = turn.From.Channel,
            UpdatedAt = clock.GetUtcNow(),
        }, contact);
        peer = profiles.Policy.Apply(peer);
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

    private ProfileForm Prefill(ChatTurn turn)
    {
        // The employer's mail domain names the organization; a community's own domain or a public one does not.
        var domain = profiles.Policy.EmployerDomain(new OrganizationFacts(
            turn.From.Channel == "msteams" ? turn.From.TenantId : null, turn.From.Email, turn.From.Upn, turn.From.IsGuest, ""));
        var organization = domain is null ? "" : OrganizationFromDomain(domain);
        return new ProfileForm(ProfileForm.Clean(turn.From.Name ?? ""), "", organization, "", "", turn.LocalTimeZone ?? "UTC", "", Discoverable: true);
    }

    private static string OrganizationFromDomain(string domain)
    {
        var label = domain.Split('.')[0];
        return label.Length == 0 ? "" : char.ToUpperInvariant(label[0]) + label[1..];
    }

    /// <summary>Which rule tells the member's colleagues apart, in their terms (the rule is the deployment's).</summary>
    private string OrganizationHint(Member member, Peer? existing, string organization)
    {
        var facts = existing?.Facts ?? new OrganizationFacts(member.Channel == "msteams" ? member.TenantId : null, member.Email, member.Upn, member.IsGuest, organization);
        return profiles.Policy.Describe(facts with { DeclaredOrganization = organization }, organization);
    }
}
