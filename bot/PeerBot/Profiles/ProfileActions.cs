using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>The profile form's buttons, wherever the form was shown (onboarding, "profile", an old card).</summary>
public static class ProfileActions
{
    public const string Save = "saveProfile";
    public const string Cancel = "cancelProfile";
    public const string Edit = "editProfile";
}

public sealed class SaveProfileAction(ProfileEditor editor) : ICardAction
{
    public string Verb => ProfileActions.Save;

    public Task RunAsync(CommandContext context, CancellationToken cancellationToken) => editor.SubmitAsync(context.Turn, context.Replies, cancellationToken);
}

public sealed class EditProfileAction(ProfileEditor editor) : ICardAction
{
    public string Verb => ProfileActions.Edit;

    // Slack reopens its modal this way, e.g. from the button under the welcome.
    public Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        editor.ShowFormAsync(context.Turn, context.Replies, cancellationToken);
}

public sealed class CancelProfileAction : ICardAction
{
    public string Verb => ProfileActions.Cancel;

    public Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        context.SendAsync(new TextReply("Profile left unchanged. Type **profile** whenever you want to see or edit it."), cancellationToken);
}
