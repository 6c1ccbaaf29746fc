using PeerBot.Cards;
using PeerBot.Conversations;
using PeerBot.Health;
using PeerBot.Intros;
using PeerBot.Matching;
using PeerBot.Profiles;
using PeerBot.Slack;
using PeerBot.Storage;
using PeerBot.Teams;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddCards();
builder.Services.AddConversations();
builder.Services.AddProfiles();
builder.Services.AddMatching();
builder.Services.AddIntros();
builder.Services.AddTeams();
builder.Services.AddSlack(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapTeams();
app.MapSlack();

app.Run();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
