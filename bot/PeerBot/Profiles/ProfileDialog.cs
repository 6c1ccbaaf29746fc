using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>
/// Onboarding: welcome, then the profile form until it is saved or cancelled. While it is active, stray
/// text brings the form back instead of the help card.
/// </summary>
public sealed class ProfileDialog(ProfileEditor editor, ProfileStore profiles, Matching.PeerDirectory directory) : IDialog
{
    public const string DialogId = "profile";

    public string Id => DialogId;

    public async Task<DialogResult> BeginAsync(DialogContext context, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(context.Turn.From.PeerId, cancellationToken) is null)
        {
            await context.SendAsync(ProfileCards.Welcome(context.Turn.From.Name, directory.Count), cancellationToken);
        }
        await editor.ShowFormAsync(context.Turn, context.Replies, cancellationToken);
        return DialogResult.Waiting;
    }

    public async Task<DialogResult> ContinueAsync(DialogContext context, CancellationToken cancellationToken)
    {
        switch (context.Turn.Action)
        {
            case ProfileActions.Save:
                return await editor.SubmitAsync(context.Turn, context.Replies, cancellationToken) ? DialogResult.Complete : DialogResult.Waiting;
            case ProfileActions.Edit:
                // The form again (Slack reopens its modal this way), without a second welcome.
                await editor.ShowFormAsync(context.Turn, context.Replies, cancellationToken);
                return DialogResult.Waiting;
            case ProfileActions.Cancel:
                await context.SendAsync(new TextReply("No problem. Type **profile** whenever you want to fill it in."), cancellationToken);
                return DialogResult.Complete;
            case null when !string.IsNullOrWhiteSpace(context.Turn.Text):
                await context.SendAsync(new TextReply("Please fill in the profile form above, or type **help** to see what I can do."), cancellationToken);
                return DialogResult.Waiting;
            default:
                return DialogResult.NotHandled;
        }
    }
}
