using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.Services;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The hall server: the engine (halls from <c>QueueCore</c> in configuration, a halls file, or the built-in demo
/// hall), the gRPC services of every role, device authentication, health, reflection, gRPC-Web and metrics.
/// </summary>
public static class QueueCoreServer
{
    /// <summary>The server's own configuration section (devices, hall profiles, rates).</summary>
    public const string Section = "QueueCoreServer";

    /// <summary>The largest request message accepted (a hall definition is the largest legitimate one).</summary>
    public const int MaxRequestBytes = 2 << 20;

    /// <summary>
    /// The streams one HTTP/2 connection may carry at once unless <c>Kestrel:Limits:Http2:MaxStreamsPerConnection</c>
    /// says otherwise. Kestrel's own default, 100, is too few here: a hall's call screens, window terminals and
    /// dashboards often share one connection (one gateway, or one client process per hall: a district center has over
    /// a hundred windows, each with a screen over it and a terminal watching it), and a client that keeps to one
    /// connection waits for a free stream, so the 101st screen would show nothing. gRPC-Web (the browser pages) is
    /// HTTP/1.1, one call per connection, and not concerned.
    /// </summary>
    public const int DefaultMaxStreamsPerConnection = 1000;

    /// <summary>The full names of the roles' gRPC services, which the health service answers for besides "".</summary>
    internal static readonly string[] RoleServices =
    [
        V1.Kiosk.Descriptor.FullName, V1.Terminal.Descriptor.FullName, V1.Display.Descriptor.FullName,
        V1.Evaluator.Descriptor.FullName, V1.Dashboard.Descriptor.FullName, V1.Admin.Descriptor.FullName,
    ];

    /// <summary>The longest <see cref="ServerOptions.FiguresRefresh"/> (a day: a hall whose counts are never refreshed).</summary>
    private static readonly TimeSpan MaxFiguresRefresh = TimeSpan.FromDays(1);

    /// <summary>The process's exit code when the server could not start.</summary>
    public const int StartFailedExitCode = 1;

    /// <summary>
    /// Builds and runs the server until it is stopped (Ctrl+C, SIGTERM); returns the process's exit code: 0 after a
    /// stop, <see cref="StartFailedExitCode"/> when it could not start (a journal directory that is full or unusable,
    /// invalid configuration), with the reason logged at Critical (or written to standard error when the failure came
    /// before logging was set up). An exception let out of <c>Main</c> instead aborts the process (exit code 134 on
    /// Linux, a core dump), which a service manager reports as a crash rather than as the error it is.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="configure">As for <see cref="Build"/>.</param>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, configure);
        }
        catch (Exception e) // the process's edge: whatever stops the server from being built is reported and becomes the exit code
        {
            await Console.Error.WriteLineAsync($"The hall server could not start, and exits with code {StartFailedExitCode}: {e}").ConfigureAwait(false);
            return StartFailedExitCode;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return 0; // stopped (Ctrl+C) while starting
            }
            catch (Exception e) // the process's edge, as above; the host already stopped what had started
            {
                Log.StartFailed(app.Logger, e is ArgumentException argument ? ArgumentMessage.Of(argument) : e.Message, e);
                return StartFailedExitCode;
            }

            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// Settings the server starts from unless configuration says otherwise. ASP.NET Core's hosting gives every request
    /// an <see cref="System.Diagnostics.Activity"/> and a logging scope whenever its diagnostics category logs at any
    /// level, and a display stream keeps both for as long as it is open: about 0.9 KB of the ~11 KB of an idle screen's
    /// stream, and a few % of the CPU of each unary call. That category only logs each request's start and end (at
    /// Information), so it is off; set <c>Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics</c> to
    /// <c>Information</c> to log every request. Traces still get their activity when an exporter is configured.
    /// grpc-dotnet logs every call that ends in a status other than OK at Information, with the status's message: a
    /// citizen's refusal names their appointment code ("Appointment 'BK-1042' was already checked in ..."), which
    /// then went to the log store of a server run without the shipped appsettings.json. So gRPC's categories log from
    /// Warning and ASP.NET Core's (two routing lines per call) too, as appsettings.json has it.
    /// </summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
    };

    /// <summary>Builds the server from command-line arguments; <paramref name="configure"/> may add configuration or services (tests).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ServerContentRoot.Default(args) });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults }); // every other source overrides them
        configure?.Invoke(builder);
        if (builder.Configuration[$"{Section}:HallsFile"] is { Length: > 0 } hallsFile)
        {
            // A halls file has the shape of appsettings.json's QueueCore section: { "QueueCore": { "Halls": [ ... ] } }.
            HallsFile.Add(builder.Configuration, hallsFile, builder.Environment.ContentRootPath);
        }

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            EndpointConfiguration.Validate(context.Configuration, context.HostingEnvironment.ContentRootPath); // before Kestrel binds them, which misreads some
            const string key = "Kestrel:Limits:Http2:MaxStreamsPerConnection";
            var streams = context.Configuration.GetValue(key, DefaultMaxStreamsPerConnection);
            kestrel.Limits.Http2.MaxStreamsPerConnection = streams > 0
                ? streams
                : throw new InvalidOperationException($"Configuration value '{streams}' at '{key}' is invalid: it must be at least 1."); // Kestrel's own: "A value greater than zero is required. (Parameter 'value')"
        });
        AddServices(builder.Services, builder.Configuration);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.PostConfigure<QueueCoreOptions>(options =>
        {
            // A relative data directory (appsettings.json's "data/journal") lives beside the server, wherever it is started from.
            if (options.Engine.Journal.Directory is { Length: > 0 } directory && !Path.IsPathRooted(directory))
            {
                options.Engine = options.Engine with { Journal = options.Engine.Journal with { Directory = Path.Combine(contentRoot, directory) } };
            }
        });
        // After the data directory is made absolute: the configured halls an admin removed at run time stay removed.
        builder.Services.AddOptions<QueueCoreOptions>()
            .PostConfigure<RemovedHalls, ILoggerFactory>((options, removed, loggers) => removed.Filter(options, loggers.CreateLogger<RemovedHalls>()));
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>Registers the engine and the server's services.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddQueueCore(configuration.GetSection("QueueCore"));
        services.PostConfigure<QueueCoreOptions>(options =>
        {
            // The rule Admin.AddHall holds a new hall's id to, for configured halls too, naming the key an operator edits.
            for (var i = 0; i < options.Halls.Count; i++)
            {
                if (Mapping.RequestFields.HallIdProblem(options.Halls[i].Id) is { } problem)
                {
                    throw new InvalidOperationException(
                        $"Configuration value '{Mapping.RequestFields.Clip(options.Halls[i].Id ?? "")}' at 'QueueCore:Halls:{i}:Id' is invalid: it {problem}; a hall id is {Mapping.RequestFields.HallIdRule}.");
                }
            }
        });
        services.PostConfigure<QueueCoreOptions>(options =>
        {
            if (options.Halls.Count == 0)
            {
                options.Halls.Add(DemoHall.Definition());
            }
        });
        // Bound once, at start (no change tracking: an invalid change must not throw on the configuration's reload thread);
        // the devices, the only settings that follow the file, are read again by DeviceKeys itself.
        services.AddOptions<ServerOptions>()
            .Configure(options => ServerConfiguration.Bind(configuration.GetSection(Section), options))
            .Validate(o => o.StreamHistory is >= 16 and <= 1 << 20, $"{Section}:StreamHistory must be 16 to 1048576.")
            .Validate(o => o.KioskTicketsPerMinute > 0 && o.KioskTicketBurst > 0, $"{Section}: kiosk rates must be positive.")
            .Validate(o => o.MaxStreamsPerDevice > 0, $"{Section}:MaxStreamsPerDevice must be at least 1.")
            .Validate(o => o.MaxHealthWatchStreams > 0, $"{Section}:MaxHealthWatchStreams must be at least 1.")
            .Validate(o => o.MaxReflectionStreams > 0, $"{Section}:MaxReflectionStreams must be at least 1.")
            // A feed waits for its next refresh with a timer of at most ~49 days (FiguresRefresh and up to half again): a
            // longer one threw in the feed's loop, and the hall's screens got their snapshot and then nothing, not a call.
            .Validate(o => o.FiguresRefresh >= TimeSpan.Zero && o.FiguresRefresh <= MaxFiguresRefresh, $"{Section}:FiguresRefresh must be 00:00:00 to {MaxFiguresRefresh:c}.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ProfileLanguageValidation>();
        services.AddSingleton<IValidateOptions<ServerOptions>, CorsOriginValidation>();
        services.AddSingleton<IValidateOptions<ServerOptions>, DayScheduleValidation>();
        services.AddCors();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>, BrowserOrigins>();

        services.AddSingleton<DeviceKeys>();
        services.AddSingleton<HealthWatchStreams>();
        services.AddSingleton<ReflectionStreams>(); // likewise: one for the server, holding the count of reflection streams
        services.AddSingleton(sp => new DeviceStreams(
            sp.GetRequiredService<IOptions<ServerOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DeviceStreams>>()));
        services.AddSingleton(sp => sp.GetRequiredService<DeviceKeys>().Current); // the devices at start (the demo keys printed)
        services.AddSingleton<RemovedHalls>();
        services.AddSingleton(sp => new HallDirectory(
            sp.GetRequiredService<QueueEngine>(), sp.GetRequiredService<IOptions<ServerOptions>>(), sp.GetRequiredService<IOptions<QueueCoreOptions>>(),
            sp.GetRequiredService<RemovedHalls>(), sp.GetRequiredService<ILogger<HallDirectory>>()));
        services.AddSingleton<HallFeeds>();
        services.AddSingleton<AdminGate>();
        services.AddSingleton<AdminRequests>();
        services.AddSingleton<AdminHallCommandIds>(); // one for the server: an interceptor not registered is made per call
        services.AddSingleton<EngineExceptionInterceptor>(); // stateless, so one for the server too: not two objects per call
        services.AddSingleton<HallScopeInterceptor>();
        services.AddHostedService<HallStartup>();
        services.AddSingleton<DayScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DayScheduler>()); // after HallStartup, which brings the days to it at start

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddSingleton(sp => new KioskRateLimit(sp.GetRequiredService<IOptions<ServerOptions>>()));

        services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = MaxRequestBytes;
            options.Interceptors.Add<HealthWatchStreams>(); // one for the server (a singleton below): it holds the count
            options.Interceptors.Add<ReflectionStreams>(); // likewise
            options.Interceptors.Add<EngineExceptionInterceptor>();
            options.Interceptors.Add<HallScopeInterceptor>();
            options.Interceptors.Add<AdminHallCommandIds>(); // after the scope check: an id is remembered only for a call the device may make
        });
        UseRequestParsingBinder(services);
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(health =>
        {
            // The health protocol's registry: "" (the server) and each role's service by its full name, as a probe names
            // the service it depends on; each reports the engine's check. Another name is NOT_FOUND.
            foreach (var service in RoleServices)
            {
                health.Services.Map(service, _ => true);
            }
        }).AddQueueCore()
            .AddCheck<ShutdownHealthCheck>(ShutdownHealthCheck.Name); // NOT_SERVING once shutdown begins, for Check as for Watch

        services.AddSingleton<GrpcServerMetrics>(); // gRPC's own counters (an EventSource) as a meter, from MapEndpoints on
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(QueueCoreDiagnostics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddMeter(GrpcServerMetrics.MeterName, "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            // Traces only where they go somewhere: with no exporter, building an activity per request would cost every
            // call for nothing. The standard OTEL_* variables configure the collector.
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(QueueCoreDiagnostics.ActivitySourceName)
                    .AddAspNetCoreInstrumentation())
                .UseOtlpExporter();
        }
    }

    /// <summary>
    /// Binds the gRPC services with <see cref="RequestParsingMethodProvider{TService}"/> instead of grpc-dotnet's binder,
    /// so an unparsable request is refused with InvalidArgument. Fails at start if grpc-dotnet's binder is not
    /// registered as expected (another grpc-dotnet version), rather than binding every method twice.
    /// </summary>
    private static void UseRequestParsingBinder(IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType?.Name == "BinderServiceMethodProvider`1")
            ?? throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered: the request parsing binder cannot replace it.");
        services.Remove(binder);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(RequestParsingMethodProvider<>)));
    }

    /// <summary>Maps the gRPC services and the HTTP endpoints.</summary>
    public static void MapEndpoints(WebApplication app)
    {
        app.Services.GetService<GrpcServerMetrics>(); // starts listening to gRPC's counters, which grpc-dotnet keeps only while listened to
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseCors(); // before authentication: a preflight carries no key, and a refusal must reach the page readable
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGrpcService<KioskService>();
        app.MapGrpcService<TerminalService>();
        app.MapGrpcService<DisplayService>();
        app.MapGrpcService<EvaluatorService>();
        app.MapGrpcService<DashboardService>();
        app.MapGrpcService<AdminService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        BrowserPages.Map(app);
        app.MapGet("/", () => "QueueCore hall server: gRPC services queuecore.v1.Kiosk, Terminal, Display, Evaluator, Dashboard, Admin (see the README).")
            .AllowAnonymous();
    }
}
