/**
 * What suggestPairs needs: the teachers who are not yet in an active pair of the programme (with
 * their profiles), and who were partners before (the previous programme's pairs and this
 * programme's closed pairs), so nobody gets the same partner again if it can be avoided.
 */
import type { Pair, Profile } from '../../domain/entities';
import type { PairingTeacher } from '../../domain/pairing';

export interface Person {
  readonly userId: string;
  readonly name: string;
}

export function pairingTeachers(people: readonly Person[], profiles: readonly Profile[]): PairingTeacher[] {
  const byUser = new Map(profiles.map((p) => [p.userId, p]));
  return people.map((person) => {
    const profile = byUser.get(person.userId);
    return {
      userId: person.userId,
      name: person.name || profile?.name || '',
      subjects: profile?.subjects ?? [],
      yearsOfExperience: profile?.yearsOfExperience ?? 0,
      wouldLikeToLearnFrom: profile?.wouldLikeToLearnFrom ?? [],
    };
  });
}

/** People not in any of the active pairs. */
export function unpaired<T extends Person>(people: readonly T[], active: readonly Pair[]): T[] {
  const paired = new Set(active.flatMap((p) => p.memberIds));
  return people.filter((p) => !paired.has(p.userId));
}

export function previousGroups(
  previousProgrammePairs: readonly Pair[],
  currentProgrammePairs: readonly Pair[],
): string[][] {
  return [...previousProgrammePairs, ...currentProgrammePairs.filter((p) => p.status === 'closed')].map((p) => [
    ...p.memberIds,
  ]);
}
