using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>"profile" shows the member's profile (or the form, when they have none); "profile edit" opens the form.</summary>
public sealed class ProfileCommand(ProfileStore profiles, ProfileEditor editor) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["profile"];

    public string Usage => "profile";

    public string Description => "See or edit your profile: role, organization, size, topics and visibility.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var existing = await profiles.GetAsync(context.Turn.From.PeerId, cancellationToken);
        if (existing is null || arguments.Trim().Equals("edit", StringComparison.OrdinalIgnoreCase))
        {
            await editor.ShowFormAsync(context.Turn, context.Replies, cancellationToken);
            return;
        }
        await context.SendAsync(ProfileCards.Show(existing.Peer), cancellationToken);
    }
}
