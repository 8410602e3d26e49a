using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Infrastructure.Access;

/// <summary>An API client to hold as an NHI: its client id in a store, who owns it and what it is for.</summary>
public sealed record ApiClientEnrolmentRequest(
    string Store, string ClientId, string SourceExternalId, string Purpose, DeploymentEnvironment Environment, string OwnerSubject, Fingerprint Fingerprint);
