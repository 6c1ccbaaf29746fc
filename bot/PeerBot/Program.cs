using PeerBot.Cards;
using PeerBot.Cli;
using PeerBot.Conversations;
using PeerBot.Demo;
using PeerBot.Health;
using PeerBot.Intros;
using PeerBot.Matching;
using PeerBot.Meetings;
using PeerBot.Nudges;
using PeerBot.Privacy;
using PeerBot.Profiles;
using PeerBot.Slack;
using PeerBot.Stats;
using PeerBot.Storage;
using PeerBot.Teams;
using PeerBot.Telemetry;

// Admin and batch commands (import, search) run in the same executable, without the web host.
if (PeerBotCli.TryRun(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddDemo(builder.Configuration);
builder.Services.AddCards();
builder.Services.AddConversations();
builder.Services.AddProfiles();
builder.Services.AddMatching();
builder.Services.AddIntros();
builder.Services.AddPrivacy();
builder.Services.AddStats();
builder.Services.AddTeams();
builder.Services.AddSlack(builder.Configuration);
builder.Services.AddNudges();
builder.Services.AddMeetings();

var app = builder.Build();

app.UseStorageCallCounts();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapTeams();
app.MapPrivacy();
app.MapStats();
app.MapSlack();
app.MapMeetings();

app.Run();
return 0;

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
