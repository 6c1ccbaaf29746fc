using PeerBot.Conversations;
using PeerBot.Nudges;
using PeerBot.Profiles;

namespace PeerBot.Meetings;

public static class MeetingsSetup
{
    /// <summary>From "connected" to a meeting: finding a time, invites, reminders, the chase, feedback and the ranking signal.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton<HolidayCalendar>();
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<MeetingMemberStore>();
        services.AddSingleton<MeetingFeedbackStore>();
        services.AddSingleton<MeetingPairs>();
        services.AddSingleton<MeetingLinks>();
        services.AddSingleton<MeetingMessages>();
        services.AddSingleton<MeetingSchedule>();
        services.AddSingleton<MeetingService>();
        services.AddSingleton<MeetingBookings>();
        services.AddSingleton<MeetingPicks>();

        services.AddSingleton<ICardAction, FindTimeAction>();
        services.AddSingleton<ICardAction, SetZoneAction>();
        services.AddSingleton<ICardAction, PickSlotsAction>();
        services.AddSingleton<ICardAction, OpenProposalAction>();
        services.AddSingleton<ICardAction, ProposeTimesAction>();
        services.AddSingleton<ICardAction, RescheduleAction>();
        services.AddSingleton<ICardAction, CancelMeetingAction>();
        services.AddSingleton<ICardAction, FeedbackAction>();
        services.AddSingleton<IChatCommand, HoursCommand>();
        services.AddSingleton<IChatCommand, RemindersCommand>();
        services.AddSingleton<IChatCommand, MeetingCommand>();

        // Scheduled work runs on the nudge engine: its timers, queue and exactly-once send records.
        services.AddSingleton<INudgeJobHandler, MeetingReminderHandler>();
        services.AddSingleton<INudgeJobHandler, MeetingChaseHandler>();
        services.AddSingleton<INudgeJobHandler, MeetAgainHandler>();
        services.AddSingleton<IFollowUpListener, MetFollowUp>();

        services.AddSingleton<MeetingStandings>();
        services.AddSingleton<Matching.IPeerStanding>(sp => sp.GetRequiredService<MeetingStandings>());
        services.AddSingleton<Intros.IIntroWatcher>(sp => sp.GetRequiredService<MeetingStandings>());
        services.AddHostedService(sp => sp.GetRequiredService<MeetingStandings>());
        services.AddSingleton<Stats.IMeetingRatings, MeetingRatings>();
        services.AddSingleton<Privacy.IMemberData, MeetingData>();
        return services;
    }

    /// <summary>GET /meet/{token}.ics: the invite for a link the bot handed out, as the meeting stands now.</summary>
    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet($"/{MeetingLinks.Path}/{{token}}.ics", async (string token, MeetingLinks links, MeetingStore meetings, ProfileStore profiles, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var gone = Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This calendar link is not valid or has expired.",
                detail: "Calendar links work until the meeting ends. Your meeting card in PeerBot has the current one.");
            if (links.Open(token) is not { } sealedFor || (await meetings.GetAsync(sealedFor.PairKey, cancellationToken))?.Meeting is not { } meeting
                || meeting.Number != sealedFor.Number || meeting.Start is null || meeting.End <= clock.GetUtcNow())
            {
                return gone;
            }
            if (meeting.State is not (MeetingState.Booked or MeetingState.Cancelled))
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This meeting is being moved.",
                    detail: "A new invite comes with the new time, on your meeting card in PeerBot.");
            }
            var organizer = (await profiles.GetAsync(meeting.OrganizerId, cancellationToken))?.Peer;
            var guest = (await profiles.GetAsync(meeting.GuestId, cancellationToken))?.Peer;
            if (organizer is null || guest is null)
            {
                return gone;
            }
            var ics = MeetingInvite.Write(meeting, organizer, guest, Intros.IntroCards.Starters(organizer, guest), clock.GetUtcNow());
            return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), MeetingInvite.ContentType, "peerbot-meeting.ics");
        });
        return endpoints;
    }
}
