namespace PeerBot.Storage;

/// <summary>Every table PeerBot owns. Tables are created at start-up.</summary>
public sealed class TableNames(string prefix)
{
    public string Profiles { get; } = prefix + "Profiles";
    public string ConversationReferences { get; } = prefix + "ConversationRefs";
    public string BotState { get; } = prefix + "BotState";
    public string Dialogs { get; } = prefix + "Dialogs";
    public string Outbox { get; } = prefix + "Outbox";
    public string Turns { get; } = prefix + "Turns";
    public string Introductions { get; } = prefix + "Intros";
    public string IntroductionIndex { get; } = prefix + "IntroIndex";
    public string IntroductionLedgers { get; } = prefix + "IntroLedgers";
    public string SlackInstallations { get; } = prefix + "SlackInstalls";
    public string DataProtectionKeys { get; } = prefix + "DataProtectionKeys";

    public IEnumerable<string> All => [Profiles, ConversationReferences, BotState, Dialogs, Outbox, Turns, Introductions, IntroductionIndex, IntroductionLedgers, SlackInstallations, DataProtectionKeys];
}
