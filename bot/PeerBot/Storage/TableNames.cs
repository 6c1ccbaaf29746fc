namespace PeerBot.Storage;

/// <summary>Every table PeerBot owns. Tables are created at start-up.</summary>
public sealed class TableNames(string prefix)
{
    public string Profiles { get; } = prefix + "Profiles";
    public string ConversationReferences { get; } = prefix + "ConversationRefs";
    public string BotState { get; } = prefix + "BotState";
    public string Dialogs { get; } = prefix + "Dialogs";

    public IEnumerable<string> All => [Profiles, ConversationReferences, BotState, Dialogs];
}
