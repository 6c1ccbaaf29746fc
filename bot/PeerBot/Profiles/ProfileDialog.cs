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
        // A member who asked for the form (typed "profile", pressed "Create my profile") gets the form, not a welcome.
        if (!AskedForForm(context.Turn) && await profiles.GetAsync(context.Turn.From.PeerId, cancellationToken) is null)
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
                // The earlier form may be gone (a reloaded client shows no history): the form comes again.
                await context.SendAsync(new TextReply("Please fill in the profile form below, or type **help** to see what I can do."), cancellationToken);
                await editor.ShowFormAsync(context.Turn, context.Replies, cancellationToken);
                return DialogResult.Waiting;
            default:
                return DialogResult.NotHandled;
        }
    }

    private static bool AskedForForm(ChatTurn turn) =>
        turn.Action == ProfileActions.Edit || CommandText.Parse(turn.Text).Command == "profile";
}
