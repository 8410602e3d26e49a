namespace NhiPortal.Core.Ownership;

/// <summary>A team as the teams page lists it: its lead, and how many NHIs and staff members it holds.</summary>
public sealed record TeamRow(Guid Id, string Name, bool IsDissolved, Guid? LeadId, string? LeadName, bool LeadActive, int Identities, int Staff);
