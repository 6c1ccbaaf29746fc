using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>Profile buttons pressed outside onboarding, e.g. on an old card or after "profile".</summary>
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

public sealed class EditProfileAction : ICardAction
{
    public string Verb => ProfileActions.Edit;

    public Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        context.BeginDialogAsync(ProfileDialog.DialogId, cancellationToken);
}

public sealed class CancelProfileAction : ICardAction
{
    public string Verb => ProfileActions.Cancel;

    public Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        context.SendAsync(new TextReply("Profile left unchanged."), cancellationToken);
}
