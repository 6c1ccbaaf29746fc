namespace PeerBot.Storage;

/// <summary>Every table PeerBot owns. Tables are created at start-up.</summary>
public sealed class TableNames(string prefix)
{
    public string Profiles { get; } = prefix + "Profiles";
    public string ConversationReferences { get; } = prefix + "ConversationRefs";
    public string Outbox { get; } = prefix + "Outbox";

    /// <summary>Which waiting messages speak of a member (partition: that member), so that erasure reads only theirs.</summary>
    public string OutboxAbout { get; } = prefix + "OutboxAbout";
    public string Turns { get; } = prefix + "Turns";
    public string Introductions { get; } = prefix + "Intros";
    public string IntroductionIndex { get; } = prefix + "IntroIndex";
    public string IntroductionLedgers { get; } = prefix + "IntroLedgers";
    public string SlackInstallations { get; } = prefix + "SlackInstalls";
    public string DataProtectionKeys { get; } = prefix + "DataProtectionKeys";
    public string TeamInstalls { get; } = prefix + "TeamInstalls";
    public string NudgeMembers { get; } = prefix + "NudgeMembers";
    public string NudgeTimers { get; } = prefix + "NudgeTimers";
    public string NudgeDeliveries { get; } = prefix + "NudgeDeliveries";
    public string NudgeChannels { get; } = prefix + "NudgeChannels";
    public string NudgeFollowUps { get; } = prefix + "NudgeFollowUps";
    public string NudgeState { get; } = prefix + "NudgeState";
    public string NudgeIndex { get; } = prefix + "NudgeIndex";

    /// <summary>Change records of profiles, intros and ledgers, read by every instance from its cursor.</summary>
    public string Changes { get; } = prefix + "Changes";

    /// <summary>Acknowledged Slack requests, from their acknowledgement until their work is done.</summary>
    public string SlackWork { get; } = prefix + "SlackWork";
    public string PersonalInstalls { get; } = prefix + "PersonalInstalls";
    public string UninstalledTenants { get; } = prefix + "UninstalledTenants";
    public string TenantConsents { get; } = prefix + "TenantConsents";
    public string Meetings { get; } = prefix + "Meetings";
    public string MeetingMembers { get; } = prefix + "MeetingMembers";
    public string MeetingFeedback { get; } = prefix + "MeetingFeedback";

    /// <summary>How often searches the role model could not read were made, by their role words (no member data).</summary>
    public string UnreadQueries { get; } = prefix + "UnreadQueries";

    /// <summary>The nudge work queue (queue names: lower case letters, digits and single hyphens).</summary>
    public string NudgeQueue { get; } = prefix.ToLowerInvariant() + "-nudges";

    /// <summary>Where nudge work that failed again and again is kept for inspection and replay.</summary>
    public string NudgePoisonQueue { get; } = prefix.ToLowerInvariant() + "-nudges-poison";

    public IEnumerable<string> All => [Profiles, ConversationReferences, Outbox, OutboxAbout, Turns, Introductions, IntroductionIndex, IntroductionLedgers, SlackInstallations, DataProtectionKeys, TeamInstalls,
        NudgeMembers, NudgeTimers, NudgeDeliveries, NudgeChannels, NudgeFollowUps, NudgeState, NudgeIndex, Changes, SlackWork, PersonalInstalls, UninstalledTenants, TenantConsents, Meetings, MeetingMembers, MeetingFeedback, UnreadQueries];
}
