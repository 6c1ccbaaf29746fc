using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>"privacy everyone|nobody": who can discover the member, a setting of their profile.</summary>
public sealed class PrivacyCommand(ProfileStore profiles, TimeProvider clock) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["privacy"];

    public string Usage => "peerbot privacy [everyone|nobody]";

    public string Description => "Choose who can discover you: every leader in the network, or nobody.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var stored = await profiles.GetAsync(context.Turn.From.PeerId, cancellationToken);
        if (stored is null)
        {
            await context.SendAsync(new TextReply("You have no profile yet, so nobody can discover you. Type **profile** to create one."), cancellationToken);
            return;
        }
        bool? discoverable = arguments.Trim().ToLowerInvariant() switch
        {
            "everyone" or "all" or "network" or "on" or "visible" => true,
            "nobody" or "none" or "off" or "hidden" => false,
            _ => null,
        };
        if (discoverable is null)
        {
            var now = stored.Peer.Discoverable ? "every leader in the network can discover you" : "nobody can discover you";
            await context.SendAsync(new TextReply($"Right now {now}. Say **peerbot privacy everyone** or **peerbot privacy nobody** to change it."), cancellationToken);
            return;
        }
        await profiles.SaveAsync(stored.Peer with { Discoverable = discoverable.Value, UpdatedAt = clock.GetUtcNow() }, stored.ETag, cancellationToken);
        await context.SendAsync(new TextReply(discoverable.Value
            ? "Done: leaders at other organizations can find you with **findpeer**."
            : "Done: nobody can find you in search any more. Intros you already have are unchanged."), cancellationToken);
    }
}
