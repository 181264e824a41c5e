import { steps, type SeedExercise } from './define.js'

export const strengthArmsCore: SeedExercise[] = [
  {
    name: 'Barbell Curl',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['biceps'],
    secondary_muscles: ['forearms'],
    equipment_needed: ['barbell'],
    description: 'The basic elbow-flexion exercise for the biceps with a straight bar.',
    instructions: steps('Stand holding the bar with an underhand, shoulder-width grip, arms straight.', 'Curl the bar toward the shoulders while keeping the elbows at your sides.', 'Lower slowly to straight arms without leaning back.')
  },
  {
    name: 'Hammer Curl',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['biceps', 'forearms'],
    secondary_muscles: [],
    equipment_needed: ['dumbbell'],
    description: 'A curl with palms facing each other that also works the brachialis and the forearm muscles.',
    instructions: steps('Hold dumbbells at the sides with palms facing the body.', 'Curl the weights up, keeping the neutral grip and the elbows still.', 'Lower under control.')
  },
  {
    name: 'EZ-Bar Skull Crusher',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['triceps'],
    secondary_muscles: [],
    equipment_needed: ['ez_bar', 'bench'],
    description: 'A lying triceps extension; the angled grips of the EZ bar are easier on the wrists.',
    instructions: steps('Lie on a bench holding the EZ bar over the chest with arms straight.', 'Bend only at the elbows to lower the bar toward the forehead or just behind the head.', 'Extend the elbows to return the bar above the chest.')
  },
  {
    name: 'Triceps Rope Pushdown',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['triceps'],
    secondary_muscles: [],
    equipment_needed: ['cable'],
    description: 'A cable extension that isolates the triceps with constant tension.',
    instructions: steps('Attach a rope to a high pulley and hold the ends with elbows tucked at your sides.', 'Push the rope down until the arms are straight, spreading the ends apart at the bottom.', 'Let the forearms rise back to about parallel to the floor.')
  },
  {
    name: 'Parallel Bar Dip',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['triceps', 'chest'],
    secondary_muscles: ['shoulders'],
    equipment_needed: ['dip_station'],
    description: 'A body-weight press between parallel bars; an upright torso favours the triceps, a forward lean the chest.',
    instructions: steps('Support yourself on straight arms between the bars.', 'Bend the elbows to lower the body until the upper arms are about parallel to the floor.', 'Press back up to straight arms; stop short of any shoulder discomfort.')
  },
  {
    name: 'Dumbbell Wrist Curl',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['forearms'],
    secondary_muscles: [],
    equipment_needed: ['dumbbell', 'bench'],
    description: 'A small-range curl of the wrist that strengthens the forearm flexors and grip.',
    instructions: steps('Sit with forearms resting on the thighs or a bench, palms up, wrists past the edge.', 'Let the dumbbells roll down toward the fingers, then curl the wrists up as far as possible.', 'Lower slowly and repeat.')
  },
  {
    name: 'Band Pull-Apart',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['upper_back', 'shoulders'],
    secondary_muscles: ['traps'],
    equipment_needed: ['resistance_band'],
    description: 'A light band drill for the rear shoulders and upper back, often used in warm-ups.',
    instructions: steps('Hold a band in front of the chest at shoulder height with straight arms.', 'Pull the band apart by moving the hands out to the sides until it touches the chest.', 'Return slowly, keeping tension on the band.')
  },
  {
    name: 'Neck Isometric Hold',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['neck'],
    secondary_muscles: ['traps'],
    equipment_needed: ['none'],
    description: 'Holds against your own hand that strengthen the neck without any movement.',
    instructions: steps('Sit or stand tall and place a palm on the forehead.', 'Press the head into the hand with gentle, steady effort while the hand resists so nothing moves; hold 10 to 20 seconds.', 'Repeat with the hand on the back and on each side of the head.')
  },
  {
    name: 'Plank',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['abs'],
    secondary_muscles: ['obliques', 'shoulders', 'glutes'],
    equipment_needed: ['mat'],
    description: 'A static hold on the forearms that trains the trunk to resist sagging.',
    instructions: steps('Rest on the forearms with elbows under the shoulders and legs straight behind you.', 'Brace the abs and squeeze the glutes so the body forms a straight line.', 'Hold for time while breathing steadily; stop when the hips drop.')
  },
  {
    name: 'Side Plank',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['obliques'],
    secondary_muscles: ['abs', 'abductors'],
    equipment_needed: ['mat'],
    description: 'A plank on one side that loads the obliques and the outer hip.',
    instructions: steps('Lie on one side with the elbow under the shoulder and the feet stacked.', 'Lift the hips until the body is straight from head to feet.', 'Hold for time, then switch sides.')
  },
  {
    name: 'Hanging Leg Raise',
    category: 'strength',
    difficulty_level: 'advanced',
    primary_muscles: ['abs', 'hip_flexors'],
    secondary_muscles: ['obliques', 'forearms'],
    equipment_needed: ['pull_up_bar'],
    description: 'Raising straight legs while hanging, a demanding exercise for the abs and hip flexors.',
    instructions: steps('Hang from a bar with straight arms and legs together.', 'Raise the legs to at least hip height by curling the pelvis up, without swinging.', 'Lower slowly to the start; bend the knees to make it easier.')
  },
  {
    name: 'Russian Twist',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['obliques'],
    secondary_muscles: ['abs', 'hip_flexors'],
    equipment_needed: ['medicine_ball'],
    description: 'A seated rotation with a medicine ball for the obliques.',
    instructions: steps('Sit with knees bent and lean back slightly, holding a medicine ball at the chest.', 'Rotate the torso to bring the ball beside one hip, then to the other.', 'Keep the chest up; lift the feet off the floor to make it harder.')
  },
  {
    name: 'Dead Bug',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['abs'],
    secondary_muscles: ['hip_flexors'],
    equipment_needed: ['mat'],
    description: 'A lying drill that teaches the abs to keep the lower back still while the limbs move.',
    instructions: steps('Lie on the back with arms pointing up and hips and knees bent to 90 degrees.', 'Press the lower back into the floor and slowly extend one arm and the opposite leg.', 'Return and repeat on the other side without letting the back arch.')
  },
  {
    name: 'Cable Woodchop',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['obliques'],
    secondary_muscles: ['abs', 'shoulders'],
    equipment_needed: ['cable'],
    description: 'A diagonal pull across the body that trains rotational strength of the trunk.',
    instructions: steps('Set a pulley high, stand side-on and hold the handle with both hands above the near shoulder.', 'Pull the handle diagonally down across the body to the opposite hip, pivoting the back foot.', 'Return slowly; finish the set and switch sides.')
  },
  {
    name: 'Stability Ball Crunch',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['abs'],
    secondary_muscles: ['obliques'],
    equipment_needed: ['stability_ball'],
    description: 'A crunch over a stability ball that allows a longer range of motion than on the floor.',
    instructions: steps('Sit on the ball and walk the feet forward until the lower back rests on it.', 'With hands at the temples, curl the ribs toward the hips.', 'Lower back over the ball until the abs are stretched.')
  },
  {
    name: 'Superman Hold',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['lower_back'],
    secondary_muscles: ['glutes', 'upper_back'],
    equipment_needed: ['mat'],
    description: 'A face-down hold that strengthens the muscles along the spine.',
    instructions: steps('Lie face down with arms extended overhead.', 'Lift the arms, chest and legs a few centimetres off the floor, looking at the floor.', 'Hold for a few seconds, lower, and repeat.')
  }
]
