import type {
  AssignmentMethod,
  Conversation,
  ConversationKind,
  KindPermissions,
  Plan,
  User,
} from '../domain/types.js';
import { PLANS } from '../domain/types.js';
import type { View } from './draft.js';

const FULL: KindPermissions = { receive: true, transferTakeover: 'workspace' };

/** A user's permissions for one kind of conversation; the admin role holds them all. */
export function permissionsFor(user: User, kind: ConversationKind): KindPermissions {
  if (user.role === 'admin') return FULL;
  return kind === 'livechat' ? user.permissions.livechats : user.permissions.tickets;
}

export const planAtLeast = (plan: Plan, minimum: Plan) => PLANS.indexOf(plan) >= PLANS.indexOf(minimum);

export const PLAN_LABEL: Record<Plan, string> = {
  free: 'Free',
  lite: 'Lite',
  pro: 'Pro',
  total: 'Total',
  enterprise: 'Enterprise',
};

/** The lowest plan on which each assignment method may be configured. */
export const METHOD_PLAN: Record<AssignmentMethod, Plan> = {
  balanced: 'free',
  random: 'lite',
  'round-robin': 'pro',
  voluntary: 'total',
};

const intersects = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** Whether `user`'s transferTakeover level reaches this conversation ("they manage"). */
export function manages(draft: View, user: User, conversation: Conversation): boolean {
  const level = permissionsFor(user, conversation.kind).transferTakeover;
  if (!level) return false;
  if (level === 'workspace') return true;
  const { assignee } = conversation;
  if (assignee?.type === 'user' && assignee.id === user.id) return true;
  if (level === 'individual') return false;
  const teams = draft.userTeams(user.id);
  if (conversation.team && teams.includes(conversation.team)) return true;
  if (assignee?.type === 'user' && intersects(draft.userTeams(assignee.id), teams)) return true;
  const waitingOrAi = conversation.status === 'pending' || assignee?.type === 'ai';
  return waitingOrAi && intersects(draft.teamspaceTeams(conversation.teamspace), teams);
}

/** Who may see a conversation (and its events): what they hold, manage, or their teams' work. */
export function mayView(draft: View, user: User, conversation: Conversation): boolean {
  if (!user.active) return false;
  const { assignee } = conversation;
  if (assignee?.type === 'user' && assignee.id === user.id) return true;
  if (manages(draft, user, conversation)) return true;
  const teams = draft.userTeams(user.id);
  if (conversation.team && teams.includes(conversation.team)) return true;
  return intersects(draft.teamspaceTeams(conversation.teamspace), teams);
}

/** The method routing uses: a method above the plan routes as `balanced` until reconfigured. */
export function effectiveMethod(method: AssignmentMethod, plan: Plan): AssignmentMethod {
  return planAtLeast(plan, METHOD_PLAN[method]) ? method : 'balanced';
}
