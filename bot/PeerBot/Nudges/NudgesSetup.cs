using PeerBot.Conversations;
using PeerBot.Outbound;

namespace PeerBot.Nudges;

public static class NudgesSetup
{
    /// <summary>Personal and channel nudges, follow-ups, the sweep and queue workers, and the instance roster that splits outbound limits.</summary>
    public static IServiceCollection AddNudges(this IServiceCollection services)
    {
        services.AddOptions<NudgeOptions>().BindConfiguration(NudgeOptions.Section);
        services.AddSingleton<NudgeInstance>();
        services.AddSingleton<NudgeSignal>();
        services.AddSingleton<NudgeState>();
        services.AddSingleton<NudgeMemberStore>();
        services.AddSingleton<NudgeIndex>();
        services.AddSingleton<NudgeTimers>();
        services.AddSingleton<QueuedJobs>();
        services.AddSingleton<Deliveries>();
        services.AddSingleton<MemberSchedule>();
        services.AddSingleton<ChannelNudges>();
        services.AddSingleton<FollowUps>();
        services.AddSingleton<FollowUpTiming>();
        services.AddSingleton<NudgePeers>();
        services.AddSingleton<NudgeFollowers>();
        services.AddSingleton<NudgeProcessor>();
        services.AddSingleton<PersonalNudges>();
        services.AddSingleton<ChannelCommand>();
        services.AddSingleton<NudgeCommands>();

        services.AddSingleton<INudgeJobHandler, MemberNudgeHandler>();
        services.AddSingleton<INudgeJobHandler, ResumeHandler>();
        services.AddSingleton<INudgeJobHandler, GhostHandler>();
        services.AddSingleton<INudgeJobHandler, RoleChangeHandler>();
        services.AddSingleton<INudgeJobHandler, FollowUpHandler>();
        services.AddSingleton<INudgeJobHandler, ChannelNudgeHandler>();

        Word(services, "status", "peerbot status", "Your nudge settings: cadence, pause and the next nudge.");
        Word(services, "cadence", NudgeCommands.CadenceUsage, "How often your peer nudges come (default weekly, Tuesday 10:00 your time).");
        Word(services, "pause", "peerbot pause 2w", "Pause nudges for some days or weeks; they resume by themselves.");
        Word(services, "resume", "peerbot resume", "Start paused nudges again.");
        Word(services, "nudge", "peerbot nudge weekly tue 09:00 Europe/Berlin | show | off", "Admins: a scheduled nudge in this channel (or a cron expression and time zone).");
        services.AddSingleton<IChatCommand, AdminCommand>();
        services.AddSingleton<ICardAction, ResumeNudgesAction>();
        services.AddSingleton<ICardAction, FollowUpAnswerAction>();
        services.AddSingleton<Stats.IMeetingReports>(sp => sp.GetRequiredService<FollowUps>());

        services.AddSingleton<Privacy.IMemberData, NudgeData>();

        // Each instance keeps to its share of the platforms' limits.
        services.AddOutbound();
        services.AddSingleton<NudgeSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<NudgeSweeper>());
        services.AddHostedService<NudgeWorker>();
        services.AddHostedService<InstanceRoster>();
        return services;
    }

    private static void Word(IServiceCollection services, string word, string usage, string description) =>
        services.AddSingleton<IChatCommand>(sp => new NudgeWord(word, usage, description, sp.GetRequiredService<NudgeCommands>()));
}
